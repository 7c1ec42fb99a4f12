/** Saying NOT to stop the messages or delete the data is never read as asking for it. */
import { understand } from '../../../../src/conversation/understanding/understand';

describe('negated opt-out and deletion', () => {
  it.each([
    'no quiero darme de baja',
    'no me des de baja porfa',
    'no me quiero dar de baja, solo preguntaba',
    'no borres mis datos',
    'no quiero que borren mi cuenta',
    "don't unsubscribe me",
    "please don't delete my data",
    'no dejen de mandarme mensajes',
  ])('"%s" is neither opt_out nor delete_data', (text) => {
    expect(['opt_out', 'delete_data']).not.toContain(understand(text).intent);
  });

  it.each([
    ['darme de baja', 'opt_out'],
    ['ya no quiero recibir mensajes', 'opt_out'],
    ['borra mis datos', 'delete_data'],
    ['delete my data please', 'delete_data'],
  ])('"%s" still is %s', (text, intent) => {
    expect(understand(text).intent).toBe(intent);
  });
});

describe('real words that look like a trade word', () => {
  it.each(['the closest one', 'closest please', 'el más cercano'])(
    '"%s" is not a request',
    (text) => {
      expect(understand(text).intent).not.toBe('request_service');
    },
  );
  it('"closet" still is carpentry', () => {
    expect(understand('I need a closet fixed')).toMatchObject({ service: 'carpentry' });
  });
});
