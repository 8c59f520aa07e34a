import { type FormEvent, useState } from 'react';
import { api, ApiError, messageOf, unwrap } from '../../api/client.js';
import type { ConnectStore, Store } from '../../api/types.js';
import { ConfirmDialog } from '../../components/dialog.js';
import { useToast } from '../../components/toasts.js';
import { Button, Loading, Notice, SelectField, TextField } from '../../components/ui.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';

type Kind = ConnectStore['kind'];
type CredentialField = Exclude<keyof ConnectStore, 'kind' | 'name' | 'api_base'>;

/** What each store needs, as labelled fields of the connect form. */
const CREDENTIALS: Record<Kind, { field: CredentialField; label: string; secret: boolean; hint?: string }[]> =
  {
    stripe: [
      {
        field: 'secret_key',
        label: 'Secret key',
        secret: true,
        hint: 'A secret or restricted key (sk_… or rk_…).',
      },
    ],
    shopify: [
      { field: 'shop', label: 'Shop domain', secret: false, hint: 'e.g. acme.myshopify.com' },
      { field: 'access_token', label: 'Admin API access token', secret: true, hint: 'shpat_…' },
    ],
    woocommerce: [
      { field: 'url', label: 'Site URL', secret: false, hint: 'e.g. https://shop.example.com' },
      { field: 'consumer_key', label: 'Consumer key', secret: true },
      { field: 'consumer_secret', label: 'Consumer secret', secret: true },
    ],
  };

const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'stripe', label: 'Stripe' },
  { kind: 'shopify', label: 'Shopify' },
  { kind: 'woocommerce', label: 'WooCommerce' },
];

function isKind(value: string): value is Kind {
  return KINDS.some((k) => k.kind === value);
}

/** Connected stores, and connecting one. Credentials are sealed on the server and never shown again. */
export function StoresSettings() {
  const stores = useResource('stores', () => unwrap(api.GET('/api/v1/stores')));
  const [kind, setKind] = useState<Kind>('stripe');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Store | null>(null);
  const toast = useToast();

  const connect = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    const body: ConnectStore = { kind };
    for (const { field } of CREDENTIALS[kind]) body[field] = values[field]?.trim() ?? '';
    if (values.name?.trim()) body.name = values.name.trim();
    if (values.api_base?.trim()) body.api_base = values.api_base.trim();
    try {
      const store = await unwrap(api.POST('/api/v1/stores', { body }));
      toast(`${store.name} connected`);
      setValues({});
      stores.reload();
    } catch (err) {
      setErrors(err instanceof ApiError ? { ...err.fields, form: err.message } : { form: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };
  const disconnect = async (store: Store) => {
    try {
      await unwrap(api.DELETE('/api/v1/stores/{id}', { params: { path: { id: store.id } } }));
      toast(`${store.name} disconnected`);
      stores.reload();
    } catch (err) {
      toast(messageOf(err), 'error');
    } finally {
      setRemoving(null);
    }
  };
  const set = (field: string, value: string) => setValues((v) => ({ ...v, [field]: value }));

  return (
    <section aria-labelledby="stores-title" className="settings-section">
      <h2 id="stores-title">Stores</h2>
      {stores.error && <Notice tone="error">{stores.error}</Notice>}
      {!stores.data && !stores.error && <Loading />}
      {stores.data && stores.data.stores.length === 0 && <p className="empty">No store connected yet.</p>}
      <ul className="settings-list">
        {stores.data?.stores.map((store) => (
          <li key={store.id} className="settings-item">
            <div className="settings-item-head">
              <h3>{store.name}</h3>
              <span className="chip">{store.kind}</span>
              <span className={`muted status-${store.status}`}>{store.status}</span>
              <span className="muted">since {formatDateTime(store.created_at)}</span>
            </div>
            {store.api_base && <p className="muted">Endpoint: {store.api_base}</p>}
            {store.status === 'connected' && (
              <Button tone="danger" className="button-small" onClick={() => setRemoving(store)}>
                Disconnect
              </Button>
            )}
          </li>
        ))}
      </ul>
      <form className="settings-form" onSubmit={(e) => void connect(e)} aria-labelledby="connect-store-title">
        <h3 id="connect-store-title">Connect a store</h3>
        {errors.form && <Notice tone="error">{errors.form}</Notice>}
        <SelectField
          label="Store"
          value={kind}
          onChange={(e) => isKind(e.target.value) && setKind(e.target.value)}
        >
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Name (optional)"
          value={values.name ?? ''}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
        />
        {CREDENTIALS[kind].map(({ field, label, secret, hint }) => (
          <TextField
            key={`${kind}-${field}`}
            label={label}
            type={secret ? 'password' : 'text'}
            autoComplete="off"
            required
            hint={hint}
            value={values[field] ?? ''}
            onChange={(e) => set(field, e.target.value)}
            error={errors[field]}
          />
        ))}
        <details>
          <summary>Advanced</summary>
          <TextField
            label="API base URL"
            type="url"
            value={values.api_base ?? ''}
            onChange={(e) => set('api_base', e.target.value)}
            error={errors.api_base}
            hint="Only for a proxy or a test server standing in for the vendor."
          />
        </details>
        <Button type="submit" tone="primary" busy={busy}>
          Connect
        </Button>
      </form>
      {removing && (
        <ConfirmDialog
          title={`Disconnect ${removing.name}?`}
          confirmLabel="Disconnect"
          onConfirm={() => void disconnect(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>Agents and teammates no longer see its orders, and no money action can go through it.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
