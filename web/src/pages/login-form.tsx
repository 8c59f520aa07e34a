import { type FormEvent, useState } from 'react';
import { ApiError, messageOf } from '../api/client.js';
import { Button, Notice, TextField } from '../components/ui.js';

/** Email and password; says plainly what went wrong (wrong password, too many tries, no server). */
export function LoginForm({
  onSignIn,
  email: knownEmail = '',
  submitLabel = 'Sign in',
}: {
  onSignIn(email: string, password: string): Promise<void>;
  email?: string;
  submitLabel?: string;
}) {
  const [email, setEmail] = useState(knownEmail);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(email.trim(), password);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'That email and password do not match. Check both and try again.'
          : messageOf(err),
      );
      setBusy(false);
    }
  };

  return (
    <form className="login-form" onSubmit={(e) => void submit(e)} noValidate={false}>
      {error && <Notice tone="error">{error}</Notice>}
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        autoFocus={!knownEmail}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoFocus={Boolean(knownEmail)}
      />
      <Button type="submit" tone="primary" busy={busy}>
        {busy ? 'Signing in…' : submitLabel}
      </Button>
    </form>
  );
}
