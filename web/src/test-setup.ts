import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(cleanup);

// jsdom does no layout, so it has no scrolling to do.
Element.prototype.scrollIntoView ??= () => undefined;
