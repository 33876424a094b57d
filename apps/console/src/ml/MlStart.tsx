export function MlStart() {
  return null;
}
