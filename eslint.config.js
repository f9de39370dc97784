import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layer map from DESIGN.md, enforced: data flows http/cli/jobs → services → domain (+ db, channels,
// documents, payments). Nothing imports http/ or cli/; domain/ imports nothing of ours outside itself and
// never reads the clock or does I/O.
const layer = (dirs) => `(^|/)(${dirs.join('|')})/`;
const forbid = (dirs, message) => ({ regex: layer(dirs), message });

const noClock = [
  'error',
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code never reads the clock: take "today" as an argument.' },
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Domain code never reads the clock.' },
  { selector: "MemberExpression[object.name='Temporal'][property.name='Now']", message: 'Domain code never reads the clock.' },
  { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Domain code never reads the environment.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'web/dist/', 'coverage/', 'drizzle/', '.tmp/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['bin/**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            forbid(['db', 'services', 'jobs', 'channels', 'documents', 'payments', 'http', 'cli'], 'domain/ is pure: it imports only domain/.'),
            { regex: '^(node:)?(fs|net|http|https|child_process|worker_threads|dgram|dns|tls)(/|$)', message: 'domain/ does no I/O.' },
            { regex: '^(pg|@electric-sql/pglite|drizzle-orm|fastify|nodemailer|pg-boss)(/|$)', message: 'domain/ does no I/O.' },
          ],
        },
      ],
      'no-restricted-syntax': noClock,
    },
  },
  {
    files: ['src/db/**/*.ts', 'src/channels/**/*.ts', 'src/documents/**/*.ts', 'src/payments/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [forbid(['services', 'jobs', 'http', 'cli'], 'Infrastructure is called by services; it never calls up.')] }],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [forbid(['jobs', 'http', 'cli'], 'Services are called by http/cli/jobs, never the other way.')] }],
    },
  },
  {
    files: ['src/jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [forbid(['http', 'cli'], 'Nothing imports http/ or cli/.')] }],
    },
  },
  {
    files: ['src/http/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [forbid(['cli'], 'Nothing imports cli/.')] }],
    },
  },
);
