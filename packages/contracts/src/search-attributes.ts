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
  MlModelId: defineSearchAttributeKey('MlModelId', SearchAttributeType.KEYWORD),
  MlTrainingStatus: defineSearchAttributeKey('MlTrainingStatus', SearchAttributeType.KEYWORD),
  MlEpoch: defineSearchAttributeKey('MlEpoch', SearchAttributeType.INT),
  AgentTaskId: defineSearchAttributeKey('AgentTaskId', SearchAttributeType.KEYWORD),
  AgentStatus: defineSearchAttributeKey('AgentStatus', SearchAttributeType.KEYWORD),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);
