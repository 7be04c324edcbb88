// GraphiQL for redline: posts to /graphql on this origin. Paste a token in the Headers tab as
// {"Authorization": "Bearer <token>"}; if you signed in to the web app in this tab's session, its
// token is filled in for you.
(function () {
  'use strict';
  var token = null;
  try { token = sessionStorage.getItem('redline.token'); } catch (e) { /* storage disabled */ }
  // An empty Authorization header is anonymous; a malformed one would make even the schema
  // introspection fail, so leave it empty until there is a token.
  var headers = JSON.stringify({ Authorization: token ? 'Bearer ' + token : '' }, null, 2);
  var query = [
    '# redline GraphQL API',
    '#',
    '# 1. Sign in. Demo accounts (dev mode only) use',
    '#    the password redline-demo-2026:',
    '#    mutation {',
    '#      login(email: "reviewer@redline.demo",',
    '#            password: "redline-demo-2026") { token }',
    '#    }',
    '# 2. In the Headers tab below, set',
    '#    {"Authorization": "Bearer <token>"}',
    '#    (filled in already if you signed in to the',
    '#    web app in this browser tab).',
    '# 3. Ctrl-Enter runs, Ctrl-Space completes;',
    '#    the book icon on the left shows the schema.',
    '',
    'query Queue {',
    '  me { displayName role teams }',
    '  complaints(first: 10) {',
    '    totalCount',
    '    edges { node { reference status priority lenderName } }',
    '    pageInfo { hasNextPage endCursor }',
    '  }',
    '}',
    ''
  ].join('\n');
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  document.getElementById('graphiql').classList.remove('graphiql-loading');
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultQuery: query,
    headers: headers,
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false
  }));
})();
