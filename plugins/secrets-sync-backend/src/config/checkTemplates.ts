import {
  renderTemplate,
  TENANT_PLACEHOLDER as TENANT,
  validateTemplate,
} from '@internal/plugin-secrets-sync-common';
import { check } from './InvalidConfigError';
import type { EnvironmentConfig } from './types';

const MAX_NAMESPACE_LENGTH = 63;
const PATTERN_KEY = 'secretsSync.tenantKeyPattern';

/**
 * Whether a pattern source is anchored at both ends as a whole: starts with
 * `^`, ends with an unescaped `$`, and has no `|` outside a group (`^a|b$`
 * anchors each branch at one end only).
 */
export function isAnchoredPattern(source: string): boolean {
  if (!source.startsWith('^') || !source.endsWith('$')) {
    return false;
  }
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < source.length - 1; i++) {
    const char = source[i];
    if (char === '\\') {
      if (i === source.length - 2) {
        return false;
      }
      i++;
    } else if (inClass) {
      inClass = char !== ']';
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
    } else if (char === '|' && depth === 0) {
      return false;
    }
  }
  return true;
}

/**
 * Refuses a contract template at `path` that the contract's template rule
 * refuses (`-common`'s `validateTemplate`, which the operator applies to
 * its flags too): it must hold `{tenant}` and no other brace.
 */
export function checkTemplate(template: string, path: string): void {
  const problem = validateTemplate(template);
  check(problem === undefined, path, problem ?? '');
}

/** Refuses a tenant key pattern a key could satisfy with text around it. */
export function checkTenantKeyPatternAnchored(source: string): void {
  check(
    isAnchoredPattern(source),
    PATTERN_KEY,
    `"${source}" must be anchored, starting with ^ and ending with $ around the whole expression (write ^(?:a|b)$ rather than ^a|b$), or a key could carry anything around the part it matches`,
  );
}

/** `a-a-a…a`: letters at both ends, `separator` between. */
const alternating = (separator: string) => (length: number) =>
  Array.from({ length }, (_, i) =>
    i % 2 && i < length - 1 ? separator : 'a',
  ).join('');

/** Key shapes the length probe tries at each length. */
const PROBE_SHAPES: Array<(length: number) => string> = [
  length => 'a'.repeat(length),
  length => '0'.repeat(length),
  length => 'A'.repeat(length),
  alternating('-'),
  alternating('_'),
  length => (length < 3 ? 'a'.repeat(length) : `a${'-'.repeat(length - 2)}a`),
];

/** How far past the longest safe key the probe looks. */
const PROBE_RANGE = 200;

function namespaceTemplates(environments: EnvironmentConfig[]) {
  return environments.map((env, index) => ({
    env,
    template: env.engine.contract.namespaceTemplate,
    path: `secretsSync.environments[${index}].engine.namespaceTemplate`,
  }));
}

/**
 * Refuses a tenant key pattern that lets some environment's namespace
 * template render a name over Kubernetes' 63 characters. A pattern's
 * language cannot be measured in general, so this is a probe: it tries keys
 * of a few shapes (`aaa…`, `000…`, `a-a-…`, `a---a`, …) at every length from
 * the first that overflows to 200 beyond it. It catches the usual
 * `{0,61}`-style patterns, not every pattern that could overflow.
 */
export function checkNamespaceLengths(
  pattern: RegExp,
  environments: EnvironmentConfig[],
): void {
  for (const { env, template, path } of namespaceTemplates(environments)) {
    const occurrences = template.split(TENANT).length - 1;
    const fixed = template.length - occurrences * TENANT.length;
    const longestSafe = Math.max(
      0,
      Math.floor((MAX_NAMESPACE_LENGTH - fixed) / occurrences),
    );
    for (
      let length = longestSafe + 1;
      length <= longestSafe + PROBE_RANGE;
      length++
    ) {
      const key = PROBE_SHAPES.map(shape => shape(length)).find(probe =>
        pattern.test(probe),
      );
      check(
        key === undefined,
        PATTERN_KEY,
        `it accepts tenant keys of ${length} characters (such as "${key}"), with which environment "${
          env.name
        }" renders a namespace of ${
          renderTemplate(template, key ?? '').length
        } characters from ${path} "${template}"; Kubernetes allows ${MAX_NAMESPACE_LENGTH}. Allow keys of at most ${longestSafe} characters there`,
      );
    }
  }
}

function ends(template: string): [prefix: string, suffix: string] {
  return [
    template.slice(0, template.indexOf(TENANT)),
    template.slice(template.lastIndexOf(TENANT) + TENANT.length),
  ];
}

/**
 * Whether two templates can render the same name from some tenant keys:
 * one's fixed prefix starts the other's and one's fixed suffix ends the
 * other's (`sites-{tenant}` and `sites-{tenant}-qa` both render
 * `sites-web-qa`). Decided without the tenant key pattern, so it may refuse
 * templates whose only overlaps the pattern excludes.
 */
export function templatesOverlap(a: string, b: string): boolean {
  const [prefixA, suffixA] = ends(a);
  const [prefixB, suffixB] = ends(b);
  return (
    (prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA)) &&
    (suffixA.endsWith(suffixB) || suffixB.endsWith(suffixA))
  );
}

function clusterUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(
    /\/+$/,
    '',
  )}`;
}

function sameCluster(a: EnvironmentConfig, b: EnvironmentConfig): boolean {
  return (
    a.kubernetes.name === b.kubernetes.name ||
    clusterUrl(a.kubernetes.url) === clusterUrl(b.kubernetes.url)
  );
}

function sameSecretsManager(a: EnvironmentConfig, b: EnvironmentConfig) {
  return a.aws.accountId === b.aws.accountId && a.aws.region === b.aws.region;
}

/**
 * Refuses two environments that could address one namespace (same cluster)
 * or one AWS secret (same account and region): a write, enable or disable
 * in one would act on the other's, restricted or not.
 */
export function checkTemplateOverlaps(environments: EnvironmentConfig[]): void {
  environments.forEach((later, j) => {
    environments.slice(0, j).forEach(earlier => {
      const pair = `environments "${earlier.name}" and "${later.name}"`;
      const namespaces = [
        earlier.engine.contract.namespaceTemplate,
        later.engine.contract.namespaceTemplate,
      ] as const;
      check(
        !(sameCluster(earlier, later) && templatesOverlap(...namespaces)),
        `secretsSync.environments[${j}].engine.namespaceTemplate`,
        `${pair} share cluster ${later.kubernetes.name}, and their namespace templates "${namespaces[0]}" and "${namespaces[1]}" can render the same namespace; give each a prefix the other's does not start with`,
      );
      const keys = [
        earlier.engine.contract.awsKeyTemplate,
        later.engine.contract.awsKeyTemplate,
      ] as const;
      check(
        !(sameSecretsManager(earlier, later) && templatesOverlap(...keys)),
        `secretsSync.environments[${j}].engine.awsKeyTemplate`,
        `${pair} share AWS account ${later.aws.accountId} in ${later.aws.region}, and their AWS key templates "${keys[0]}" and "${keys[1]}" can render the same secret name; give each a prefix the other's does not start with`,
      );
    });
  });
}
