/*
 * Editor page, form reading and the API key box: the related-list options and the draft as the API
 * takes them, and the key kept for this tab.
 */
import { getKey, setKey } from './editor-api.js';
import { $ } from './editor-util.js';

/** Related-list options from the Options fieldset; empty fields are left to the server default. */
export function readOptions() {
  const options = {};
  const number = (id, name) => {
    const value = $(id).valueAsNumber;
    if (!Number.isNaN(value)) {
      options[name] = value;
    }
  };
  number('opt-limit', 'limit');
  const sections = $('opt-sections')
    .value.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (sections.length > 0) {
    options.sections = sections;
  }
  number('opt-max-age', 'maxAgeDays');
  number('opt-diversity', 'diversity');
  number('opt-min-score', 'minScore');
  return options;
}

/** The draft as typed: {title, body}. */
export function readDraft() {
  return { title: $('draft-title').value.trim(), body: $('draft-body').value };
}

function showKeyState() {
  const hasKey = Boolean(getKey());
  $('key-forget').hidden = !hasKey;
  $('api-key').placeholder = hasKey ? 'key set for this tab' : '';
  $('key-status').textContent = hasKey
    ? 'Key set: you can pin and block. It is kept for this tab only.'
    : 'Needed to pin and block. Kept for this tab only.';
}

/** Wires the key form; `onChange` runs after a key is set or forgotten. */
export function wireKey(onChange) {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setKey($('api-key').value.trim());
    $('api-key').value = '';
    showKeyState();
    onChange();
  });
  $('key-forget').addEventListener('click', () => {
    setKey('');
    showKeyState();
    onChange();
    $('api-key').focus();
  });
  showKeyState();
}
