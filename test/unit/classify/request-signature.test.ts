import { createClassifier, generaliseRoutes, requestSignature, routeTemplate } from '../../../src/classify/index.js';
import type { Entry, HttpRequestInfo } from '../../../src/shared/types.js';

describe('routeTemplate', () => {
  it.each([
    ['/users/42/orders', '/users/<NUM>/orders'],
    ['/threads/7f3a9c2e-1b4d-4c8e-9f00-123456789abc/messages', '/threads/<UUID>/messages'],
    ['/blobs/9f1c2d3e4a5b6c7d', '/blobs/<HEX>'],
    ['/runs/run_8812ab/status', '/runs/<ID>/status'],
    ['/api/v2/health', '/api/v2/health'],
    ['/users/***@example.com', '/users/<EMAIL>'],
    ['/search?q=secret&page=2', '/search'],
    ['/files/aGVsbG8gd29ybGQgdGhpcyBpcyBsb25n', '/files/<ID>'],
    ['/', '/'],
    ['//double//slash/', '/double/slash'],
    ['/v1/accounts/acct_ObEHlIWstZbZpW/invoices', '/v1/accounts/<ID>/invoices'],
    ['/v1/accounts/acc_pgGwwujwxwRZ/balance', '/v1/accounts/<ID>/balance'],
    ['/api/user_settings/notifications', '/api/user_settings/notifications'],
    ['/share/QmXbTzRkLpWvNcYd', '/share/<ID>'],
    ['/api/getUserProfile', '/api/getUserProfile'],
    ['/api/checkoutSessions/webhooks', '/api/checkoutSessions/webhooks'],
    ['/static/README', '/static/README'],
    ['/docs/GettingStartedGuide', '/docs/GettingStartedGuide'],
    ['/files/report-final.pdf', '/files/<ID>'],
    ['/files/board_minutes.docx', '/files/<ID>'],
    ['/files/team%20photo.jpeg', '/files/<ID>'],
    ['/openapi.json', '/openapi.json'],
    ['/favicon.ico', '/favicon.ico'],
    ['/.well-known/security.txt', '/.well-known/security.txt'],
  ])('%s -> %s', (path, expected) => {
    expect(routeTemplate(path)).toBe(expected);
  });
});

describe('request clusters', () => {
  const req = (request: HttpRequestInfo, time = 0): Entry => ({
    time, severity: request.status >= 500 ? 'ERROR' : 'INFO', service: 'api', revision: 'api-1',
    kind: 'request', text: `${request.method} ${request.path} ${request.status}`, request,
  });

  it('groups by method, route template and status', () => {
    const c = createClassifier();
    const h = [
      c.add(req({ method: 'GET', path: '/threads/1', status: 404 })),
      c.add(req({ method: 'get', path: '/threads/2', status: 404 })),
      c.add(req({ method: 'GET', path: '/threads/3', status: 200 })),
      c.add(req({ method: 'POST', path: '/threads/3', status: 404 })),
    ];
    const ids = h.map((x) => c.resolve(x).id);
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    expect(c.resolve(h[0] as number).template).toBe('GET /threads/<NUM> 404');
    expect(c.clusters()[0]).toMatchObject({ kind: 'request', count: 2, template: 'GET /threads/<NUM> 404' });
  });

  it('a server error (5xx) is one problem per status, whatever was asked', () => {
    const c = createClassifier();
    const h = [
      c.add(req({ method: 'GET', path: '/cart', status: 503 })),
      c.add(req({ method: 'GET', path: '/products/blue-kettle', status: 503 })),
      c.add(req({ method: 'POST', path: '/', status: 503 })),
      c.add(req({ method: 'GET', path: '/cart', status: 504 })),
      c.add(req({ method: 'GET', path: '/cart', status: 500 })),
      c.add(req({ method: 'GET', path: '/', status: 500 })),
      c.add(req({ method: 'GET', path: '/products/stoves', status: 500 })),
    ];
    const ids = h.map((x) => c.resolve(x).id);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[5]).toBe(ids[4]);
    expect(ids[6]).toBe(ids[4]);
    // 500, 503 and 504 stay apart: the handler failed, nothing answered, an upstream did not answer in time.
    expect(new Set(ids).size).toBe(3);
    expect(c.resolve(h[0] as number).template).toBe('<*> /<*> 503');
    expect(c.resolve(h[3] as number).template).toBe('GET /cart 504');
    expect(c.resolve(h[4] as number).template).toBe('GET /<*> 500');
  });

  it('a client error (4xx) stays per method and route', () => {
    const c = createClassifier();
    const h = [
      c.add(req({ method: 'GET', path: '/cart', status: 404 })),
      c.add(req({ method: 'GET', path: '/checkout', status: 404 })),
      c.add(req({ method: 'POST', path: '/cart', status: 404 })),
      c.add(req({ method: 'GET', path: '/cart', status: 403 })),
    ];
    expect(new Set(h.map((x) => c.resolve(x).id)).size).toBe(4);
    expect(c.resolve(h[1] as number).template).toBe('GET /checkout 404');
  });

  it("one route's 503s keep its route and method in the template; another service's are its own", () => {
    const c = createClassifier();
    const a = c.add(req({ method: 'GET', path: '/cart', status: 503 }));
    c.add(req({ method: 'GET', path: '/cart', status: 503 }));
    const b = c.add({ ...req({ method: 'GET', path: '/cart', status: 503 }), service: 'web' });
    expect(c.resolve(a).template).toBe('GET /cart 503');
    expect(c.resolve(b).id).not.toBe(c.resolve(a).id);
  });

  it('the id depends only on the signature', () => {
    const a = requestSignature({ method: 'DELETE', path: '/a/1', status: 500 });
    const b = requestSignature({ method: 'DELETE', path: '/a/2', status: 500, latencyMs: 3 });
    expect(a).toEqual(b);
  });
});

describe('generaliseRoutes', () => {
  const slugs = ['blue-denim-jacket', 'wool-beanie', 'canvas-tote', 'rain-shell', 'down-vest', 'merino-socks', 'chino-shorts'];
  const get = (route: string, status = 404) => ({ method: 'GET', status, route });

  it.each([
    ['many words in one position (the rest equal) are values', slugs.map((s) => get(`/products/${s}`)), slugs.map(() => '/products/<*>')],
    ['a few words stay routes', ['search', 'featured', 'new'].map((s) => get(`/products/${s}`)), ['search', 'featured', 'new'].map((s) => `/products/${s}`)],
    ['words beside an id in the same position are ids', [get('/accounts/<ID>/entries'), get('/accounts/acc_ab/entries'), get('/accounts/acc_cd/entries')],
      ['/accounts/<*>/entries', '/accounts/<*>/entries', '/accounts/<*>/entries']],
    ['three slugs under a plural collection name are items', [get('/products/wool-beanie'), get('/products/rain-shell'), get('/products/down-vest')],
      ['/products/<*>', '/products/<*>', '/products/<*>']],
    ['…two may be two routes', [get('/reports/monthly-summary'), get('/reports/ar-aging')], ['/reports/monthly-summary', '/reports/ar-aging']],
    ['…but not plain words, nor slugs under a singular name', [get('/products/search'), get('/products/featured'), get('/shop/gift-cards'), get('/shop/new-in')],
      ['/products/search', '/products/featured', '/shop/gift-cards', '/shop/new-in']],
    ['one word beside an id stays (/orders/search is not /orders/42)', [get('/orders/<NUM>'), get('/orders/search')], ['/orders/<NUM>', '/orders/search']],
    ['other statuses and methods are judged apart', [...slugs.slice(0, 4).map((s) => get(`/p/${s}`)), ...slugs.slice(4).map((s) => get(`/p/${s}`, 500))],
      [...slugs.slice(0, 4).map((s) => `/p/${s}`), ...slugs.slice(4).map((s) => `/p/${s}`)]],
    ['another service\'s routes are another API: its ids do not make this one\'s words values',
      [{ ...get('/reports/<ID>'), service: 'accounts' }, { ...get('/reports/monthly-summary'), service: 'billing' }, { ...get('/reports/ar-aging'), service: 'billing' }],
      ['/reports/<ID>', '/reports/monthly-summary', '/reports/ar-aging']],
    ['…while on one service they are', [{ ...get('/reports/<ID>'), service: 'billing' }, { ...get('/reports/monthly-summary'), service: 'billing' }, { ...get('/reports/ar-aging'), service: 'billing' }],
      ['/reports/<*>', '/reports/<*>', '/reports/<*>']],
    ['positions that differ elsewhere are not siblings', slugs.map((s, i) => get(`/${i % 2 ? 'a' : 'b'}/${s}/x${i}`)), slugs.map((s, i) => `/${i % 2 ? 'a' : 'b'}/${s}/x${i}`)],
  ])('%s', (_name, keys, expected) => {
    expect(generaliseRoutes(keys)).toEqual(expected);
  });

  it('is the same whatever the order', () => {
    const keys = [...slugs.map((s) => get(`/products/${s}/reviews`)), get('/products/<NUM>/reviews'), get('/cart', 500)];
    const forward = generaliseRoutes(keys);
    const backward = generaliseRoutes([...keys].reverse()).reverse();
    expect(backward).toEqual(forward);
  });

  it('one request cluster for a route whose slugs are many', () => {
    const c = createClassifier();
    const handles = slugs.map((s, i) => c.add({
      time: i, severity: 'WARNING', service: 'shop', revision: 'shop-1', kind: 'request',
      text: `GET /products/${s} 404`, request: { method: 'GET', path: `/products/${s}`, status: 404 },
    }));
    expect(new Set(handles.map((h) => c.resolve(h).id)).size).toBe(1);
    expect(c.resolve(handles[0] as number).template).toBe('GET /products/<*> 404');
  });
});
