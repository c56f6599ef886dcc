import { DateTime } from './DateTime.ts';
import { Lead } from './Lead.ts';
import { Query } from './Query.ts';
import { User } from './User.ts';

export const resolvers = { ...{ DateTime }, ...{ Query }, ...{ Lead }, ...{ User } };
