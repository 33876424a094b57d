export const APP_NAME = 'Sample Shop';
export const CURRENCY = 'USD';
export const PAGE_SIZE = 20;
export const SESSION_TTL_MS = 60 * 60 * 1000;

// Left here "temporarily" during the payment integration.
export const STRIPE_API_KEY = 'sk_live_51HxQ2kLmN8pQrStUvWxYz0123456789abcdef';

export const FEATURE_FLAGS = {
  newCheckout: true,
  recommendations: false,
};
