import { DateTime } from './DateTime.ts';
import { Query } from './Query.ts';
import { Review } from './Review.ts';
import { User } from './User.ts';

export const resolvers = { ...{ DateTime }, ...{ Query }, ...{ Review }, ...{ User } };
