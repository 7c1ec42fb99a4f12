import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import {
  isPlausibleWaId,
  sendToNumber,
  validatePhone,
  waIdForNumber,
} from '../../../src/shared/phone';

describe('sendToNumber', () => {
  it.each([
    ['5215512345678', '525512345678'], // CDMX mobile as WhatsApp reports it
    ['5218112345678', '528112345678'], // Monterrey
    ['5493511234567', '543511234567'], // Córdoba, AR
    ['5491123456789', '541123456789'], // Buenos Aires
  ])('converts the WhatsApp form %s to %s', (waId, expected) => {
    expect(sendToNumber(waId)).toBe(expected);
  });

  it.each([
    '525512345678', // already dialable (idempotent)
    '541123456789',
    '14155552671', // US
    '34612345678', // ES
    '521551234567', // 521 + 9 digits: not the pattern
    '52155123456789', // 521 + 11 digits
    '+5215512345678', // a '+' is not a wa_id: left alone
    '',
    'US.13491208655302741918', // a BSUID is never a phone number
  ])('leaves %p unchanged', (value) => {
    expect(sendToNumber(value)).toBe(value);
  });

  it('is idempotent', () => {
    expect(sendToNumber(sendToNumber('5215512345678'))).toBe('525512345678');
  });
});

describe('waIdForNumber', () => {
  it('maps dialable MX/AR numbers back to the WhatsApp id', () => {
    expect(waIdForNumber('525512345678')).toBe('5215512345678');
    expect(waIdForNumber('+541123456789')).toBe('5491123456789');
    expect(waIdForNumber('5215512345678')).toBe('5215512345678');
    expect(waIdForNumber('14155552671')).toBe('14155552671');
  });
});

describe('isPlausibleWaId', () => {
  it.each(['5215512345678', '5491123456789', '14155552671', '34612345678', '12345678'])(
    'accepts %s',
    (v) => {
      expect(isPlausibleWaId(v)).toBe(true);
    },
  );
  it.each([
    '',
    '+5215512345678',
    '0123456789',
    '1234567',
    '1234567890123456',
    '52 155 1234 5678',
    'US.13491208655302741918',
    'abc',
    undefined,
    null,
    5215512345678,
  ])('rejects %p', (v) => {
    expect(isPlausibleWaId(v)).toBe(false);
  });
});

describe('validatePhone (libphonenumber-js 1.13.x, max metadata)', () => {
  it('pins the library: the WhatsApp MX form is invalid for libphonenumber itself', () => {
    expect(parsePhoneNumberFromString('+5215512345678')?.isValid()).toBe(false);
    expect(parsePhoneNumberFromString('+525512345678')?.isValid()).toBe(true);
  });

  it('accepts the MX WhatsApp form after converting it', () => {
    expect(validatePhone('5215512345678')).toEqual({
      valid: true,
      e164: '+525512345678',
      digits: '525512345678',
      country: 'MX',
      type: 'FIXED_LINE_OR_MOBILE',
    });
    expect(validatePhone('+52 1 55 1234 5678')).toMatchObject({
      valid: true,
      digits: '525512345678',
    });
    expect(validatePhone('+52 (81) 8123-4567')).toMatchObject({
      valid: true,
      digits: '528181234567',
    });
  });

  it('accepts the AR WhatsApp form, converted to the 54 + 10 form', () => {
    expect(validatePhone('5491123456789')).toMatchObject({
      valid: true,
      e164: '+541123456789',
      country: 'AR',
    });
  });

  it('validates US and ES numbers unchanged', () => {
    expect(validatePhone('+1 415 555 2671')).toMatchObject({
      valid: true,
      e164: '+14155552671',
      country: 'US',
    });
    expect(validatePhone('34612345678')).toMatchObject({
      valid: true,
      country: 'ES',
      type: 'MOBILE',
    });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['hola', 'not_a_number'],
    ['+52 55 1234 567x', 'not_a_number'],
    ['++525512345678', 'not_a_number'],
    ['123456789012345678', 'not_a_number'],
    ['+525512345', 'invalid'], // too short for MX
    ['+5281812345678', 'invalid'], // 52 + 11 digits, not 521
    ['+999123456789', 'invalid'], // no such country code
    ['+5512345', 'invalid'],
  ])('rejects %p (%s)', (input, reason) => {
    expect(validatePhone(input)).toEqual({ valid: false, reason });
  });
});
