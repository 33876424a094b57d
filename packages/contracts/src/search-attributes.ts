import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes the workflows upsert so the Temporal UI's list can be filtered by business
 * fields. The dev-server launcher registers every key in ALL_SEARCH_ATTRIBUTES at start.
 */
export const SA = {
  OrderId: defineSearchAttributeKey('OrderId', SearchAttributeType.KEYWORD),
  CustomerId: defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD),
  OrderStatus: defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD),
  OrderTotal: defineSearchAttributeKey('OrderTotal', SearchAttributeType.DOUBLE),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);
