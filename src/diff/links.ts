// Links in a post that lead to artefacts: Hub repos and orgs, GitHub repos (and their releases).
// Pure. Reads every text a post carries: its link, its lead/summary, and the article's hrefs
// (`links`, stored by the launch reader when it fetched the article page), so it works with
// today's feed items and picks up article links when they are there.

export interface PostLinks {
  /** `org/repo` ids linked on huggingface.co. */
  hubRepos: string[];
  /** Hub orgs linked on their own (`huggingface.co/meta-models`). */
  hubOrgs: string[];
  /** `owner/repo` linked on github.com (a repo, its releases or a tag). */
  githubRepos: string[];
}

/** Paths of huggingface.co that are not an org (site pages). */
const HUB_RESERVED = new Set([
  'docs',
  'blog',
  'spaces',
  'datasets',
  'models',
  'papers',
  'learn',
  'pricing',
  'join',
  'login',
  'settings',
  'api',
  'collections',
  'organizations',
  'posts',
  'tasks',
  'enterprise',
  'chat',
  'new',
  'search',
  'changelog',
]);
/** Paths of github.com that are not an owner. */
const GH_RESERVED = new Set([
  'orgs',
  'topics',
  'features',
  'marketplace',
  'sponsors',
  'about',
  'pricing',
  'login',
  'settings',
  'apps',
  'collections',
  'trending',
  'explore',
  'enterprise',
  'security',
  'site',
]);

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const URL_RE = /https?:\/\/(?:www\.)?(huggingface\.co|hf\.co|github\.com)\/[^\s"'<>()\]]+/gi;

function clean(seg: string | undefined): string | null {
  if (!seg) return null;
  const s = decodeURIComponent(seg).replace(/[.,;:!?]+$/, '');
  return NAME.test(s) ? s : null;
}

export function extractLinks(post: {
  link?: string | null;
  summary?: string | null;
  links?: readonly string[] | null;
  content?: string | null;
}): PostLinks {
  const texts = [post.link ?? '', post.summary ?? '', post.content ?? '', ...(post.links ?? [])];
  const hubRepos = new Set<string>();
  const hubOrgs = new Set<string>();
  const githubRepos = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(URL_RE)) {
      let url: URL;
      try {
        url = new URL(m[0]);
      } catch {
        continue;
      }
      const parts = url.pathname.split('/').filter(Boolean);
      const host = m[1]!.toLowerCase();
      if (host === 'github.com') {
        const owner = clean(parts[0]);
        const repo = clean(parts[1]);
        if (owner && repo && !GH_RESERVED.has(owner.toLowerCase())) githubRepos.add(`${owner}/${repo.replace(/\.git$/, '')}`);
        continue;
      }
      // huggingface.co/<org>/<repo>, huggingface.co/<org>; never /datasets/... or /spaces/...
      const org = clean(parts[0]);
      if (!org || HUB_RESERVED.has(org.toLowerCase())) continue;
      const repo = clean(parts[1]);
      if (repo) hubRepos.add(`${org}/${repo}`);
      else hubOrgs.add(org);
    }
  }
  return { hubRepos: [...hubRepos], hubOrgs: [...hubOrgs], githubRepos: [...githubRepos] };
}
