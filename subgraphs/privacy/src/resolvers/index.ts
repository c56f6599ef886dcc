import { Query } from './Query.ts';
import { User } from './User.ts';

export const resolvers = { ...{ Query }, ...{ User } };
