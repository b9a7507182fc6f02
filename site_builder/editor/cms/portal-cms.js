// The portal's additions to Decap CMS (served by `portal serve` at /quan-tri/).
// - Files are read and written as YAML / Markdown with YAML front matter (the same text as on
//   disk); the keys below only carry a new entry's address to the CMS and are never written.
// - Before a new entry is saved, the server gives the address `portal new` would give, so the
//   CMS names the file (and opens it after saving) exactly as the command would.
import { YAML } from './yaml/index.js';
import { merged, missing } from './locale-vi.js';

const HELPERS = ['portal_address', 'portal_folder'];

function strip(data) {
  const out = { ...data };
  for (const key of HELPERS) delete out[key];
  return out;
}

const yamlFormat = {
  fromFile: text => YAML.parse(text) || {},
  toFile: data => YAML.stringify(strip(data)),
};

const frontMatterFormat = {
  fromFile: text => {
    const match = /^---\n([\s\S]*?)\n---[ \t]*\n?([\s\S]*)$/.exec(text);
    if (!match) return { body: text };
    const data = YAML.parse(match[1]) || {};
    data.body = match[2];
    return data;
  },
  toFile: data => {
    const front = strip(data);
    const body = front.body || '';
    delete front.body;
    return '---\n' + YAML.stringify(front) + '---\n' + body;
  },
};

// lineWidth 0: never fold long Vietnamese lines when the CMS writes a file itself (GitLab set-up).
YAML.scalarOptions.str.fold.lineWidth = 0;
window.portalFormats = { yaml: yamlFormat, frontMatter: frontMatterFormat };   // for tests/test_cms_browser.py
CMS.registerCustomFormat('portal-yaml', 'yml', yamlFormat);
CMS.registerCustomFormat('portal-frontmatter', 'md', frontMatterFormat);

// The rules of `portal new` (site_builder/editor/scaffold.py, text.slugify), for the CMS hosted
// without `portal serve` (the GitLab set-up); with `portal serve` the server answers instead.
function slugify(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function shortSlug(text, dropPrefix = '') {
  let value = text.normalize('NFC').trim();
  if (dropPrefix && value.toLowerCase().startsWith(dropPrefix)) value = value.slice(dropPrefix.length);
  const slug = slugify(value).slice(0, 80).replace(/-+$/, '');
  if (!slug) throw new Error('Tên phải có ít nhất một chữ hoặc số để đặt tên tệp.');
  return slug;
}

async function localAddress(collection, data) {
  if (collection === 'procedures') return { folder: slugify(data.sector || ''), address: shortSlug(data.name || '', 'thủ tục ') };
  if (collection === 'documents') {
    const codes = await (await fetch('portal-codes.json')).json();
    const kind = codes.document_types[data.type] || '';
    const label = data.number ? `${kind} ${data.number}` : (data.abstract || '');
    return { folder: String(data.issued || '').slice(0, 4), address: shortSlug(label) };
  }
  return { folder: '', address: shortSlug(data.name || data.title || '') };
}

async function address(collection, data) {
  const response = await fetch('api/v1', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'portalAddress', params: { collection, data } }),
  });
  if (response.status === 404 || response.status === 405) return localAddress(collection, data);
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error);
  return answer;
}

CMS.registerEventListener({
  name: 'preSave',
  handler: async ({ entry }) => {
    if (!entry.get('newRecord')) return undefined;
    const given = await address(entry.get('collection'), entry.get('data').toJS());
    return entry.get('data').set('portal_address', given.address).set('portal_folder', given.folder);
  },
});

CMS.registerLocale('vi', merged(CMS.getLocale('vi'), missing));

CMS.init();
