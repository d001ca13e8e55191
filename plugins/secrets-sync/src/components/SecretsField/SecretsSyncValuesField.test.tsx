import { fireEvent, render, screen } from '@testing-library/react';
import {
  SecretsContextProvider,
  useTemplateSecrets,
} from '@backstage/plugin-scaffolder-react';
import { SecretsSyncValuesField } from './SecretsSyncValuesField';
import type { SecretsFieldValue } from './secretsFieldValue';

const CANARY_A = 'canary-field-a-7f21';
const CANARY_B = 'canary-field-b-90c4';

jest.setTimeout(30_000);

function renderField(initial?: {
  formData?: SecretsFieldValue;
  secrets?: Record<string, string>;
}) {
  const onChange = jest.fn();
  const seen: { secrets: Record<string, string> } = { secrets: {} };
  function SecretsProbe() {
    seen.secrets = useTemplateSecrets().secrets;
    return null;
  }
  const props = {
    onChange,
    formData: initial?.formData,
    schema: { title: 'Secret values' },
    uiSchema: {},
    rawErrors: [],
    required: true,
  } as any;
  render(
    <SecretsContextProvider initialSecrets={initial?.secrets}>
      <SecretsSyncValuesField {...props} />
      <SecretsProbe />
    </SecretsContextProvider>,
  );
  return { onChange, seen };
}

const lastValue = (onChange: jest.Mock): SecretsFieldValue =>
  onChange.mock.calls[onChange.mock.calls.length - 1][0];

describe('SecretsSyncValuesField', () => {
  it('puts key names into the parameters and values into the secrets, never into the DOM', () => {
    const { onChange, seen } = renderField();

    fireEvent.change(screen.getByRole('textbox', { name: 'Key 1' }), {
      target: { value: 'API_TOKEN' },
    });
    fireEvent.change(screen.getByLabelText('Value 1', { selector: 'input' }), {
      target: { value: CANARY_A },
    });

    expect(lastValue(onChange)).toEqual({ keys: ['API_TOKEN'] });
    expect(seen.secrets).toEqual({ 'secretsSync.API_TOKEN': CANARY_A });
    expect(JSON.stringify(onChange.mock.calls)).not.toContain(CANARY_A);
    expect(document.body.innerHTML).not.toContain(CANARY_A);
  });

  it('turns a pasted .env block into rows, and blanks the secret of a renamed key', () => {
    const { onChange, seen } = renderField();

    fireEvent.change(screen.getByLabelText('Paste a .env block'), {
      target: { value: `DB_PASSWORD=${CANARY_B}\n` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add these keys' }));
    expect(lastValue(onChange)).toEqual({ keys: ['DB_PASSWORD'] });
    expect(seen.secrets['secretsSync.DB_PASSWORD']).toBe(CANARY_B);

    fireEvent.change(screen.getByRole('textbox', { name: 'Key 1' }), {
      target: { value: 'DATABASE_PASSWORD' },
    });
    expect(seen.secrets).toEqual({
      'secretsSync.DB_PASSWORD': '',
      'secretsSync.DATABASE_PASSWORD': CANARY_B,
    });
    expect(document.body.innerHTML).not.toContain(CANARY_B);
  });

  it('reports an invalid key by its position, so the form cannot go on', () => {
    const { onChange } = renderField();

    fireEvent.change(screen.getByRole('textbox', { name: 'Key 1' }), {
      target: { value: '1-not-a-name' },
    });

    expect(lastValue(onChange).problems).toEqual([
      expect.stringMatching(/^Key 1 is not a valid environment variable name/),
    ]);
  });

  it('keeps the keys and values of a step the form comes back to', () => {
    renderField({
      formData: { keys: ['API_TOKEN'] },
      secrets: { 'secretsSync.API_TOKEN': CANARY_A },
    });

    expect(screen.getByRole('textbox', { name: 'Key 1' })).toHaveValue(
      'API_TOKEN',
    );
    expect(screen.getByLabelText('Value 1', { selector: 'input' })).toHaveValue(
      CANARY_A,
    );
    expect(document.body.innerHTML).not.toContain(CANARY_A);
  });
});
