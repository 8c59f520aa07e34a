/** The people of the demo workspace. Emails use reserved example domains, phones fictional ranges. */

export interface DemoContact {
  name: string;
  email: string;
  phone?: string;
  /** Set by a teammate after the first conversation, as custom attributes. */
  attributes?: Record<string, string | number | boolean>;
}

export const DEMO_TEAM = {
  admin: { name: 'Alex Morgan', email: 'admin@demo.test' },
  teammate: { name: 'Sam Rivera', email: 'sam@demo.test' },
} as const;

export type DemoUser = keyof typeof DEMO_TEAM;

export const DEMO_PRODUCTS = [
  'Nimbus standing desk',
  'Halo desk lamp',
  'Orbit ergonomic chair',
  'Drift headphones',
  'Pebble wireless keyboard',
  'Cove monitor arm',
  'Loop USB-C dock',
] as const;

export const DEMO_CONTACTS: readonly DemoContact[] = [
  {
    name: 'Maya Patel',
    email: 'maya.patel@example.com',
    attributes: { company: 'Bluebird Bakery', plan: 'Business' },
  },
  { name: 'Lucas Schmidt', email: 'lucas.schmidt@example.net' },
  { name: 'Aisha Bello', email: 'aisha.bello@example.org', phone: '+44 20 7946 0321' },
  { name: "Tom O'Connor", email: 'tom.oconnor@example.com', attributes: { plan: 'Plus', orders: 7 } },
  { name: 'Sofia Rossi', email: 'sofia.rossi@example.net', phone: '+1 202 555 0143' },
  { name: 'Kenji Tanaka', email: 'kenji.tanaka@example.com' },
  { name: 'Emma Johansson', email: 'emma.j@example.org', attributes: { plan: 'Plus', newsletter: true } },
  { name: 'Diego Hernández', email: 'diego.hernandez@example.com' },
  {
    name: 'Priya Raman',
    email: 'priya.raman@example.net',
    attributes: { company: 'Raman Architects', plan: 'Business' },
  },
  { name: 'Noah Williams', email: 'noah.williams@example.com', phone: '+1 312 555 0187' },
  { name: 'Chloé Dubois', email: 'chloe.dubois@example.org' },
  { name: 'Olumide Adeyemi', email: 'olumide@example.com' },
  { name: 'Grace Kim', email: 'grace.kim@example.net', attributes: { plan: 'Plus', orders: 12 } },
  {
    name: 'Ben Carter',
    email: 'ben.carter@example.com',
    attributes: { company: 'Carter & Sons Hardware', plan: 'Business' },
  },
  { name: 'Hannah Müller', email: 'hannah.mueller@example.org', phone: '+44 161 496 0752' },
  { name: 'Mateo Silva', email: 'mateo.silva@example.com' },
  { name: 'Zoe Nguyen', email: 'zoe.nguyen@example.net' },
  {
    name: 'Ravi Shah',
    email: 'ravi.shah@example.com',
    attributes: { company: 'Shah Dental', plan: 'Business' },
  },
  { name: 'Isabella Costa', email: 'isabella.costa@example.org' },
  { name: 'Jack Thompson', email: 'jack.t@example.com', phone: '+1 415 555 0119' },
  { name: 'Fatima Zahra', email: 'fatima.zahra@example.net' },
  { name: 'Liam Murphy', email: 'liam.murphy@example.com', attributes: { plan: 'Plus' } },
];
