import fc from 'fast-check';
import {
  DEFAULT_NAMESPACE_ANNOTATION_CONTRACT,
  DEFAULT_TENANT_KEY_PATTERN,
  renderTemplate,
  tenantKeyFromNamespace,
} from '@internal/plugin-secrets-sync-common';

const tenantKeyPattern = new RegExp(DEFAULT_TENANT_KEY_PATTERN);

const LABEL_END = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Tenant keys the default pattern accepts (DNS labels), every length from 1
 * to 63 equally likely so that the longest ones are exercised.
 */
const tenantKey = fc
  .tuple(
    fc.constantFrom(...LABEL_END),
    fc.integer({ min: 0, max: 62 }).chain(length =>
      fc.string({
        unit: fc.constantFrom(...LABEL_END, '-'),
        minLength: length,
        maxLength: length,
      }),
    ),
    fc.constantFrom(...LABEL_END),
  )
  .map(([head, middle, tail]) => (head + middle + tail).slice(0, 63))
  .filter(key => tenantKeyPattern.test(key));

/** Kubernetes' rule for a namespace name (RFC 1123 label). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** AWS Secrets Manager's rule for a secret name. */
const AWS_SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

describe('the default namespace-annotation contract', () => {
  it('maps every allowed tenant key to a namespace and back', () => {
    const { namespaceTemplate } = DEFAULT_NAMESPACE_ANNOTATION_CONTRACT;
    fc.assert(
      fc.property(tenantKey, key => {
        const namespace = renderTemplate(namespaceTemplate, key);
        expect(tenantKeyFromNamespace(namespaceTemplate, namespace)).toBe(key);
      }),
      { numRuns: 1000 },
    );
  });

  it('renders every allowed tenant key to a valid AWS Secrets Manager name', () => {
    fc.assert(
      fc.property(tenantKey, key => {
        expect(
          renderTemplate(
            DEFAULT_NAMESPACE_ANNOTATION_CONTRACT.awsKeyTemplate,
            key,
          ),
        ).toMatch(AWS_SECRET_NAME);
      }),
      { numRuns: 1000 },
    );
  });

  it('renders every allowed tenant key to a valid namespace name', () => {
    fc.assert(
      fc.property(tenantKey, key => {
        const namespace = renderTemplate(
          DEFAULT_NAMESPACE_ANNOTATION_CONTRACT.namespaceTemplate,
          key,
        );
        expect(namespace).toMatch(NAMESPACE_NAME);
        expect(namespace.length).toBeLessThanOrEqual(63);
      }),
      { numRuns: 1000 },
    );
  });

  it('never recovers a tenant key from a namespace outside the template', () => {
    const { namespaceTemplate } = DEFAULT_NAMESPACE_ANNOTATION_CONTRACT;
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), namespace => {
        fc.pre(!namespace.startsWith('sites-'));
        expect(
          tenantKeyFromNamespace(namespaceTemplate, namespace),
        ).toBeUndefined();
      }),
    );
  });
});
