// @aws-sdk/util-dynamodb: the schemaless reference (what the AWS SDK's DocumentClient runs).
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

export const name = '@aws-sdk/util-dynamodb';

export function setup(shape, schemaless) {
  return {
    marshall: () => marshall(schemaless),
    unmarshall: (av) => unmarshall(av),
  };
}
