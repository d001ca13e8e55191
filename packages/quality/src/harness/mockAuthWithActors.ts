import type { Request } from 'express';
import {
  AuthService,
  BackstageCredentials,
  BackstagePrincipalTypes,
  coreServices,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';

const SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/** A mock on-behalf-of token that also names the plugin that sent it. */
function oboToken(caller: string, user: string, target: string) {
  return `${SERVICE_TOKEN_PREFIX}${JSON.stringify({
    sub: `plugin:${caller}`,
    obo: user,
    target,
  })}`;
}

/**
 * `actor` of a token a plugin sent on a user's behalf, as the real auth
 * service reports it; mock auth drops it, which makes a permission check a
 * plugin forwards look like a direct user request.
 */
function oboCredentials(
  token: string,
  pluginId: string,
): BackstageCredentials | undefined {
  if (!token.startsWith(SERVICE_TOKEN_PREFIX)) {
    return undefined;
  }
  const { sub, obo, target } = JSON.parse(
    token.slice(SERVICE_TOKEN_PREFIX.length),
  ) as { sub?: string; obo?: string; target?: string };
  if (!obo || !sub || (target && target !== pluginId)) {
    return undefined;
  }
  return mockCredentials.user(obo, { actor: { subject: sub } });
}

/**
 * `mockServices.auth` and `mockServices.httpAuth`, except that tokens a
 * plugin sends on a user's behalf keep the sending plugin as the actor, as
 * with the real auth service. Needed when several real plugins call each
 * other, such as secrets-sync, the permission backend and the catalog.
 *
 * @public
 */
export function mockAuthWithActors() {
  return [
    createServiceFactory({
      service: coreServices.auth,
      deps: { plugin: coreServices.pluginMetadata },
      factory({ plugin }) {
        const pluginId = plugin.getId();
        const inner = mockServices.auth({ pluginId });
        const auth: AuthService = {
          authenticate: async (token, options) =>
            oboCredentials(token, pluginId) ??
            inner.authenticate(token, options),
          isPrincipal: inner.isPrincipal.bind(
            inner,
          ) as AuthService['isPrincipal'],
          getNoneCredentials: () => inner.getNoneCredentials(),
          getOwnServiceCredentials: () => inner.getOwnServiceCredentials(),
          getPluginRequestToken: async options => {
            const principal = options.onBehalfOf.principal as {
              type: string;
              userEntityRef?: string;
            };
            if (principal.type === 'user' && principal.userEntityRef) {
              return {
                token: oboToken(
                  pluginId,
                  principal.userEntityRef,
                  options.targetPluginId,
                ),
              };
            }
            return inner.getPluginRequestToken(options);
          },
          getLimitedUserToken: credentials =>
            inner.getLimitedUserToken(credentials),
          listPublicServiceKeys: () => inner.listPublicServiceKeys(),
        };
        return auth;
      },
    }),
    createServiceFactory({
      service: coreServices.httpAuth,
      deps: { plugin: coreServices.pluginMetadata },
      factory({ plugin }) {
        const pluginId = plugin.getId();
        const inner = mockServices.httpAuth({ pluginId });
        const httpAuth: HttpAuthService = {
          async credentials<
            T extends keyof BackstagePrincipalTypes = 'unknown',
          >(
            req: Request,
            options?: { allow?: Array<T>; allowLimitedAccess?: boolean },
          ) {
            const header = req.headers.authorization;
            const token =
              typeof header === 'string'
                ? header.match(/^Bearer[ ]+(\S+)$/i)?.[1]
                : undefined;
            const credentials = token && oboCredentials(token, pluginId);
            if (!credentials) {
              return inner.credentials(req, options);
            }
            if (options?.allow && !options.allow.includes('user' as T)) {
              throw new NotAllowedError(
                `This endpoint does not allow 'user' credentials`,
              );
            }
            return credentials as BackstageCredentials<
              BackstagePrincipalTypes[T]
            >;
          },
          issueUserCookie: (res, options) =>
            inner.issueUserCookie(res, options),
        };
        return httpAuth;
      },
    }),
  ];
}
