import { SandboxCluster } from '../sandboxInfo';

/** What one environment of one demo tenant starts with. */
export interface DemoEnvironmentSeed {
  cluster: SandboxCluster;
  /** Key/value pairs stored in AWS Secrets Manager; absent: no secret. */
  awsValues?: Record<string, string>;
  /** A document written by hand instead of `awsValues`, e.g. not JSON. */
  awsRawDocument?: string;
  /** Schedule the AWS secret for deletion after writing it. */
  awsDeletionScheduled?: boolean;
  /** Create the namespace; false leaves it missing. */
  namespace: boolean;
  /** Annotate the namespace with the opt-in annotation. */
  optedIn?: boolean;
  /**
   * Bind the namespace to the tenant's entity, as the platform does when it
   * creates a tenant namespace; false leaves it unbound. Defaults to true.
   */
  bound?: boolean;
  /** A hand-made `build-secrets` Secret without the owner labels. */
  unownedSecret?: Record<string, string>;
  /** Workloads consuming the Secret, created in the namespace. */
  consumers?: Array<'Deployment' | 'CronJob'>;
}

/** A demo tenant: a catalog component's tenant key and its environments. */
export interface DemoTenantSeed {
  tenantKey: string;
  entityRef: string;
  environments: DemoEnvironmentSeed[];
}

/**
 * The demo data behind examples/entities.yaml. With the reference operator
 * running, the environments settle on the statuses named in the comments.
 */
export const DEMO_TENANTS: DemoTenantSeed[] = [
  {
    tenantKey: 'checkout-web',
    entityRef: 'component:default/checkout-web',
    environments: [
      // synced, with a Deployment consuming the Secret through envFrom
      {
        cluster: 'dev',
        namespace: true,
        optedIn: true,
        awsValues: {
          STRIPE_PUBLISHABLE_KEY: 'pk_test_demo_51Hx',
          SESSION_SECRET: 'demo-session-secret-dev',
          API_BASE_URL: 'https://api.dev.example.com',
        },
        consumers: ['Deployment'],
      },
      // synced
      {
        cluster: 'prod',
        namespace: true,
        optedIn: true,
        awsValues: {
          STRIPE_PUBLISHABLE_KEY: 'pk_live_demo_51Hx',
          SESSION_SECRET: 'demo-session-secret-prod',
          API_BASE_URL: 'https://api.example.com',
        },
        consumers: ['Deployment'],
      },
    ],
  },
  {
    tenantKey: 'catalog-api',
    entityRef: 'component:default/catalog-api',
    environments: [
      // not-enabled: AWS has data, the namespace has not opted in
      {
        cluster: 'dev',
        namespace: true,
        optedIn: false,
        awsValues: { DATABASE_URL: 'postgres://catalog@db.dev/catalog' },
      },
      // upstream-missing: opted in, nothing in AWS
      { cluster: 'prod', namespace: true, optedIn: true },
    ],
  },
  {
    tenantKey: 'cart-service',
    entityRef: 'component:default/cart-service',
    environments: [
      // unowned: a hand-made Secret the operator will not touch
      {
        cluster: 'dev',
        namespace: true,
        optedIn: true,
        awsValues: { REDIS_URL: 'redis://cart-cache.dev:6379' },
        unownedSecret: { REDIS_URL: 'redis://hand-made:6379' },
      },
      // namespace-missing
      {
        cluster: 'prod',
        namespace: false,
        awsValues: { REDIS_URL: 'redis://cart-cache.prod:6379' },
      },
    ],
  },
  {
    tenantKey: 'payments-ledger',
    entityRef: 'component:default/payments-ledger',
    environments: [
      // error: someone pasted a plain string into the AWS console, which is
      // not a JSON object of string values
      {
        cluster: 'dev',
        namespace: true,
        optedIn: true,
        awsRawDocument: 'LEDGER_SIGNING_KEY=demo-ledger-key',
      },
      // synced, consumed by a CronJob
      {
        cluster: 'prod',
        namespace: true,
        optedIn: true,
        awsValues: {
          LEDGER_SIGNING_KEY: 'demo-ledger-key-prod',
          KAFKA_BROKERS: 'b-1.kafka.example.com:9094',
        },
        consumers: ['CronJob'],
      },
    ],
  },
  {
    tenantKey: 'fraud',
    entityRef: 'component:default/fraud-scorer',
    environments: [
      {
        cluster: 'dev',
        namespace: true,
        optedIn: true,
        awsValues: { MODEL_BUCKET: 's3://fraud-models-dev' },
      },
    ],
  },
  {
    tenantKey: 'inventory-sync',
    entityRef: 'component:default/inventory-sync',
    environments: [
      // a namespace created by hand and never bound: nothing is shown or
      // written until the platform binds it
      {
        cluster: 'dev',
        namespace: true,
        optedIn: true,
        bound: false,
        awsValues: { WAREHOUSE_API_TOKEN: 'demo-warehouse-token' },
      },
    ],
  },
  {
    tenantKey: 'search-indexer',
    entityRef: 'component:default/search-indexer',
    environments: [
      // upstream-missing, with the AWS secret scheduled for deletion
      {
        cluster: 'dev',
        namespace: true,
        optedIn: true,
        awsValues: { OPENSEARCH_URL: 'https://search.dev.example.com' },
        awsDeletionScheduled: true,
      },
    ],
  },
];
