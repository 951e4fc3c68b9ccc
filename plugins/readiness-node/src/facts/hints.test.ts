import { execHinted, hinted, mayMatch, testHinted } from './hints';

describe('hinted patterns', () => {
  const re = hinted(/\bgin\.Default\s*\(|\brecovery\.Unary/, 'gin.', 'recovery.');
  const ci = hinted(/auto_rollback|DeploymentPreference/i, /ollback|eploymentPreference/i);

  it('rules a text out only when it holds none of the hints', () => {
    expect(mayMatch(re, 'r := gin.New()')).toBe(true);
    expect(mayMatch(re, 'recovery.StreamServerInterceptor')).toBe(true);
    expect(mayMatch(re, 'nothing here')).toBe(false);
    expect(mayMatch(ci, 'AUTO_ROLLBACK')).toBe(true);
    expect(mayMatch(ci, 'deploymentpreference')).toBe(true);
    expect(mayMatch(ci, 'deploy')).toBe(false);
  });

  it('tests and matches as the expression does', () => {
    for (const text of ['gin.Default()', 'x := recovery.UnaryServerInterceptor()', 'gin.New()', '', 'Default(']) {
      expect([text, testHinted(re, text)]).toEqual([text, re.test(text)]);
      expect([text, execHinted(re, text)?.index]).toEqual([text, re.exec(text)?.index]);
    }
  });

  it('lets unmarked expressions through', () => {
    expect(mayMatch(/x/, '')).toBe(true);
  });
});
