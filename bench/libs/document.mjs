// The peers build DocumentClient input (plain JS values); the AWS SDK's DocumentClient marshalls
// it with @aws-sdk/util-dynamodb before sending. Timed peers run this step too, so every library
// is measured to the same AttributeValue request that dynamap's plan.* returns.
import { marshall } from '@aws-sdk/util-dynamodb';

const AV_FIELDS = ['Item', 'Key', 'ExpressionAttributeValues', 'ExclusiveStartKey'];

export function toLowLevel(params) {
  const out = { ...params };
  for (const field of AV_FIELDS) if (out[field] !== undefined) out[field] = marshall(out[field]);
  return out;
}

/** The neutral item with datetime values as ISO text, for libraries without a date type. */
export function datesAsText(value) {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(datesAsText);
  if (value instanceof Set || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, datesAsText(v)]));
}
