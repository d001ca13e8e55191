import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  entityTopologyFixture,
  environmentFixture,
  sixEnvironmentTopology,
} from '../../__testUtils__/topologyFixtures';
import { TopologyGraph } from './TopologyGraph';

async function renderGraph(
  topology = sixEnvironmentTopology,
  selectedEnvironment = 'dev',
) {
  const onSelectEnvironment = jest.fn();
  await renderInTestApp(
    <TopologyGraph
      topology={topology}
      componentTitle="checkout"
      selectedEnvironment={selectedEnvironment}
      onSelectEnvironment={onSelectEnvironment}
    />,
  );
  return onSelectEnvironment;
}

const node = (id: string) => screen.getByTestId(`topology-node-${id}`);

describe('TopologyGraph', () => {
  it('selects the environment of any node of its branch, by click or keyboard', async () => {
    const onSelect = await renderGraph();

    fireEvent.click(node('namespace:qa'));
    expect(onSelect).toHaveBeenLastCalledWith('qa');
    fireEvent.click(node('workload:staging:Deployment/web'));
    expect(onSelect).toHaveBeenLastCalledWith('staging');
    fireEvent.keyDown(node('secret:prod'), { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith('prod');
  });

  it('selects nothing from the component node', async () => {
    const onSelect = await renderGraph();

    fireEvent.click(node('component'));
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('colours each hop by the health the backend judged for it', async () => {
    const env = environmentFixture({ name: 'dev', status: 'synced' });
    env.hops = {
      aws: { health: 'warning', state: 'deletion scheduled' },
      namespace: { health: 'error', state: 'unreachable' },
      secret: { health: 'progress', state: '2/3 keys in sync' },
      workloads: [{ health: 'ok' }, { health: 'inactive' }],
    };
    await renderGraph(entityTopologyFixture([env]));

    expect(node('aws:dev')).toHaveAttribute('data-tone', 'warning');
    expect(node('aws:dev')).toHaveAttribute(
      'aria-label',
      'aws secrets manager sites/checkout/build: deletion scheduled · 111111111111 · us-east-1',
    );
    expect(node('namespace:dev')).toHaveAttribute('data-tone', 'error');
    expect(node('namespace:dev')).toHaveAttribute(
      'aria-label',
      'namespace sites-checkout: cluster dev · unreachable',
    );
    expect(node('secret:dev')).toHaveAttribute('data-tone', 'progress');
    expect(node('workload:dev:Deployment/web')).toHaveAttribute(
      'data-tone',
      'ok',
    );
    expect(node('workload:dev:CronJob/nightly-report')).toHaveAttribute(
      'data-tone',
      'inactive',
    );
  });
});
