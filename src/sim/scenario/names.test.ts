import { describe, expect, it } from 'vitest';
import { isAddress, isHostName, isIPv6, isReservedIPv4, isReservedIPv6, isReservedName, isReservedNetwork } from './names';

describe('names in simulated worlds', () => {
  it.each([
    ['alice-pc', true],
    ['example.org', true],
    ['mx1.example.org', true],
    ['mx1.example.org.', true],
    ['ns.example.com', true],
    ['host.test', true],
    ['mail.gmail.com', false],
    ['example.org.evil.com', false],
    ['notexample.org', false],
  ])('isReservedName(%s) = %s', (name, ok) => {
    expect(isReservedName(name)).toBe(ok);
  });

  it.each([
    ['mx1.example.org', true],
    ['-bad.example.org', false],
    ['a..b', false],
    ['', false],
    ['under_score.example.org', true],
  ])('isHostName(%s) = %s', (name, ok) => {
    expect(isHostName(name)).toBe(ok);
  });

  it.each([
    ['bob@example.org', true],
    ['first.last+tag@example.com', true],
    ['bob@', false],
    ['@example.org', false],
    ['bob example@example.org', false],
    ['bob@@example.org', false],
  ])('isAddress(%s) = %s', (address, ok) => {
    expect(isAddress(address)).toBe(ok);
  });

  it.each([
    ['192.0.2.25', true],
    ['198.51.100.7', true],
    ['203.0.113.250', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.10', true],
    ['8.8.8.8', false],
    ['192.0.3.1', false],
    ['192.0.2.256', false],
    ['01.2.3.4', false],
  ])('isReservedIPv4(%s) = %s', (ip, ok) => {
    expect(isReservedIPv4(ip)).toBe(ok);
  });

  it.each([
    ['2001:db8::25', true, true],
    ['2001:0db8:0:0:0:0:0:1', true, true],
    ['fd00::1', true, true],
    ['::1', true, true],
    ['2001:4860::8888', true, false],
    ['2001:db8::1::2', false, false],
    ['12345::', false, false],
    ['::ffff:192.0.2.1', true, false],
  ])('isIPv6(%s) = %s, reserved = %s', (ip, valid, reserved) => {
    expect(isIPv6(ip)).toBe(valid);
    expect(isReservedIPv6(ip)).toBe(reserved);
  });

  it.each([
    ['198.51.100.0/24', true],
    ['198.51.100.0/16', false],
    ['10.0.0.0/8', true],
    ['192.0.2.7', true],
    ['2001:db8::/32', true],
    ['2001:db8::/16', false],
    ['8.8.8.0/24', false],
    ['192.0.2.0/x', false],
  ])('isReservedNetwork(%s) = %s', (block, ok) => {
    expect(isReservedNetwork(block)).toBe(ok);
  });
});
