import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { ROLES } from '@leadgraph/identity';

/** An account. `name` is personal data (declared in the privacy-directive issue). */
export const userSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    role: { type: String, required: true, enum: ROLES },
  },
  { timestamps: true, collection: 'users' },
);
// Listing by role, newest first (pros directory, admin views).
userSchema.index({ role: 1, _id: -1 });

/** A user as read from the database (lean). */
export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export type UserModel = Model<InferSchemaType<typeof userSchema>>;

/** The User model on this subgraph's connection. */
export function userModel(connection: Connection): UserModel {
  return (connection.models.User as UserModel | undefined) ?? connection.model('User', userSchema);
}
