/*
 * Editor page, form reading and the API key box: the related-list options and the draft as the API
 * takes them, and the key kept for this tab.
 */
import { checkKey, getKey, setKey } from './editor-api.js';
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

/** Asks the server whether `key` works; keeps it only then, else says why and keeps nothing. */
async function useKey(key, onChange) {
  if (!key) {
    $('api-key').focus();
    return;
  }
  $('key-status').textContent = 'Checking the key…';
  try {
    await checkKey(key);
  } catch (error) {
    $('key-status').textContent = `Key not accepted: ${error.message}`;
    $('api-key').setAttribute('aria-invalid', 'true');
    $('api-key').select();
    return;
  }
  setKey(key);
  $('api-key').value = '';
  $('api-key').removeAttribute('aria-invalid');
  showKeyState();
  onChange();
}

/** Wires the key form; `onChange` runs after a key is accepted or forgotten. */
export function wireKey(onChange) {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    useKey($('api-key').value.trim(), onChange);
  });
  $('key-forget').addEventListener('click', () => {
    setKey('');
    showKeyState();
    onChange();
    $('api-key').focus();
  });
  showKeyState();
}
