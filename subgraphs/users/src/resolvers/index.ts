import { DateTime } from './DateTime.ts';
import { Query } from './Query.ts';
import { Role } from './Role.ts';
import { User } from './User.ts';

export const resolvers = { ...{ DateTime }, ...{ Role }, ...{ Query }, ...{ User } };
