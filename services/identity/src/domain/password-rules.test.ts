import { passwordProblem } from './password-rules';

describe('password rules (NIST SP 800-63B)', () => {
  it.each(['password', '12345678', 'Password', 'iloveyou', 'qwertyuiop'])('when the password is the common %s, then it is refused', (password) => {
    expect(passwordProblem(password, 'ada@example.com')).toMatch(/most common passwords/);
  });

  it.each(['aaaaaaaa', '        ', 'abcdefgh', '98765432'])('when the password is the repetition or run %j, then it is refused', (password) => {
    expect(passwordProblem(password, 'ada@example.com')).toMatch(/repeated character or a straight sequence/);
  });

  it('when the password is the e-mail address or its name part, then it is refused', () => {
    expect(passwordProblem('Ada.Lovelace@example.com', 'ada.lovelace@example.com')).toMatch(/e-mail address/);
    expect(passwordProblem('ada.lovelace', 'ada.lovelace@example.com')).toMatch(/e-mail address/);
  });

  it.each(['correct horse battery', 'Sup3r-secret', 'tr0ub4dor&3x', 'аааааааб'])('when the password is %j, then it may be used', (password) => {
    expect(passwordProblem(password, 'ada@example.com')).toBeUndefined();
  });
});
