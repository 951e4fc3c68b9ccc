import { cell } from './markdown';

describe('cell', () => {
  it('escapes pipes everywhere and angle brackets outside code spans', () => {
    expect(cell('run `helm rollback <release> | tee`\nthen a|b <b>')).toBe(
      'run `helm rollback <release> \\| tee` then a\\|b &lt;b&gt;',
    );
  });
});
