import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { LoginForm } from './login-form.js';

describe('the sign-in form', () => {
  it('signs in with the labelled email and password fields', async () => {
    const user = userEvent.setup();
    const onSignIn = vi.fn(async () => undefined);
    render(<LoginForm onSignIn={onSignIn} />);
    await user.type(screen.getByLabelText('Email'), ' admin@acme.test ');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(onSignIn).toHaveBeenCalledWith('admin@acme.test', 'correct horse');
  });

  it('says plainly when the email and password do not match', async () => {
    const user = userEvent.setup();
    const onSignIn = vi.fn(async () => {
      throw new ApiError(401, 'unauthenticated', 'Wrong email or password');
    });
    render(<LoginForm onSignIn={onSignIn} />);
    await user.type(screen.getByLabelText('Email'), 'admin@acme.test');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/do not match/);
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
