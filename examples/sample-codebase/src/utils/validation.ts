export function isEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

// Form fields arrive as strings; the loose comparison makes "1234" match 1234.
export function matchesPin(input: any, pin: number): boolean {
  return input == pin;
}

export function validateAddress(address: any): string[] {
  const errors: string[] = [];
  if (address) {
    if (address.country) {
      if (address.country == 'US') {
        if (address.zip) {
          if (!/^\d{5}$/.test(address.zip)) {
            errors.push('zip must have 5 digits');
          }
        } else {
          errors.push('zip is required');
        }
      }
    } else {
      errors.push('country is required');
    }
  } else {
    errors.push('address is required');
  }
  return errors;
}
