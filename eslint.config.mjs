import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/node_modules',
      '**/.nx',
      '**/coverage',
      'libs/sdk/src/generated/**',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          banTransitiveDependencies: true,
          depConstraints: [
            // type axis: what kind of code may lean on what.
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:util'] },
            // the simulator speaks the vendor's wire format, so it may use the client's wire types.
            { sourceTag: 'type:sim', onlyDependOnLibsWithTags: ['type:client', 'type:util'] },
            {
              sourceTag: 'type:mapping',
              onlyDependOnLibsWithTags: ['type:domain', 'type:client', 'type:util'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:domain', 'type:client', 'type:mapping', 'type:util'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:domain',
                'type:client',
                'type:mapping',
                'type:sim',
                'type:util',
              ],
            },
            // end-to-end projects use what is published, through test utilities only.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util'] },
            // scope axis: vendor code (the client and the mapping to models) builds on the shared models
            // only; the simulator may share the vendor's wire types but nothing of the facade.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:vendor', onlyDependOnLibsWithTags: ['scope:vendor', 'scope:shared'] },
            {
              sourceTag: 'scope:sim',
              onlyDependOnLibsWithTags: ['scope:sim', 'scope:vendor', 'scope:shared'],
            },
            // the facade may run the bundled simulator when no vendor is configured.
            {
              sourceTag: 'scope:facade',
              onlyDependOnLibsWithTags: ['scope:facade', 'scope:vendor', 'scope:shared', 'scope:sim'],
            },
            // the operators' CLI calls the vendor itself, with the simulator when none is configured, and the
            // facade through the SDK (`youmi sync`).
            {
              sourceTag: 'scope:cli',
              onlyDependOnLibsWithTags: [
                'scope:cli',
                'scope:vendor',
                'scope:shared',
                'scope:sim',
                'scope:sdk',
              ],
            },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:sim'] },
            // the SDK speaks to the facade over HTTP only: it shares no code with it.
            { sourceTag: 'scope:sdk', onlyDependOnLibsWithTags: ['scope:sdk', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Prettier wraps code at this width; comments it cannot wrap are held to it here (text in quotes is not).
    rules: {
      'max-len': [
        'error',
        {
          code: 110,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'describe', property: 'only' },
      ],
    },
  },
];
