import { Notice } from '../components/ui.js';
import { useSession } from '../lib/session.js';
import { LoginForm } from './login-form.js';

export function LoginPage({ notice }: { notice: string | null }) {
  const { signIn } = useSession();
  return (
    <main className="login-page" id="main">
      <div className="login-card">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Deskwoot
        </p>
        <h1>Sign in</h1>
        {notice && <Notice>{notice}</Notice>}
        <LoginForm onSignIn={signIn} />
      </div>
    </main>
  );
}
