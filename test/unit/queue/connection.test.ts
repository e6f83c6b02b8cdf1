import { describe, expect, it } from 'vitest';
import { connectionOptions, parseRedisUrl, redactRedisUrl } from '../../../core/queue/connection';

describe('parseRedisUrl', () => {
  it('reads host, port and database', () => {
    expect(parseRedisUrl('redis://queue.lab:6380/2')).toEqual({ host: 'queue.lab', port: 6380, db: 2, tls: false });
    expect(parseRedisUrl('redis://10.0.0.5')).toEqual({ host: '10.0.0.5', port: 6379, db: 0, tls: false });
  });

  it('reads a password with or without a user name, percent-decoded', () => {
    expect(parseRedisUrl('redis://:s%40cret@host:6379/1')).toMatchObject({ password: 's@cret', db: 1 });
    expect(parseRedisUrl('redis://lab:pw@host')).toMatchObject({ username: 'lab', password: 'pw' });
    expect(parseRedisUrl('redis://host')).not.toHaveProperty('password');
  });

  it('turns TLS on for rediss:// and checks the certificate against the host name', () => {
    expect(parseRedisUrl('rediss://:pw@redis.example.org:6380')).toMatchObject({ tls: true, port: 6380 });
    expect(connectionOptions('rediss://redis.example.org')).toMatchObject({
      tls: { servername: 'redis.example.org' },
      maxRetriesPerRequest: null,
    });
    expect(connectionOptions('rediss://10.0.0.5:6380')).toMatchObject({ tls: {} });
    expect(connectionOptions('redis://redis.example.org')).not.toHaveProperty('tls');
  });

  it('rejects other schemes and bad databases, hiding the password', () => {
    expect(() => parseRedisUrl('http://:pw@host:6379')).toThrow(
      'Invalid queue URL "http://:***@host:6379": the scheme must be redis:// or rediss:// (TLS), not http://.',
    );
    expect(() => parseRedisUrl('redis://host/db1')).toThrow('the database "db1" should be a number 0–15');
    expect(() => parseRedisUrl('redis://host/16')).toThrow('the database "16" should be a number 0–15');
    expect(() => parseRedisUrl('localhost:6379')).toThrow('the scheme must be redis:// or rediss://');
    expect(() => parseRedisUrl('not a url')).toThrow('Invalid queue URL "not a url". Expected redis://host:6379[/db]');
  });

  it('redacts passwords in messages', () => {
    expect(redactRedisUrl('rediss://user:hunter2@host:6380/3')).toBe('rediss://user:***@host:6380/3');
    expect(redactRedisUrl('redis://:hunter2@host')).toBe('redis://:***@host');
    expect(redactRedisUrl('redis://host:6379')).toBe('redis://host:6379');
  });
});
