import { describe, expect, it } from 'vitest';
import { redactUri, withDatabase } from './uri.ts';

describe('redactUri', () => {
  it.each([
    ['mongodb://127.0.0.1:27018/', 'mongodb://127.0.0.1:27018/'],
    ['mongodb://app:s3cret@db1:27017,db2:27017/leadgraph?replicaSet=rs0', 'mongodb://db1:27017,db2:27017/leadgraph'],
    ['mongodb+srv://app:s3cret@cluster0.example.net/?tlsCertificateKeyFilePassword=x', 'mongodb+srv://cluster0.example.net/'],
  ])('redacts %s', (uri, expected) => {
    expect(redactUri(uri)).toBe(expected);
    expect(redactUri(uri)).not.toContain('s3cret');
  });

  it('does not echo something that is not a URI', () => {
    expect(redactUri('app:s3cret')).toBe('<unparseable uri>');
  });
});

describe('withDatabase', () => {
  it('sets the database name and keeps options', () => {
    expect(withDatabase('mongodb://127.0.0.1:27018/', 'leadgraph_users')).toBe('mongodb://127.0.0.1:27018/leadgraph_users');
    expect(withDatabase('mongodb://h:1/?replicaSet=rs0', 'x')).toBe('mongodb://h:1/x?replicaSet=rs0');
    expect(withDatabase('mongodb://h:1', 'x')).toBe('mongodb://h:1/x');
  });
});
