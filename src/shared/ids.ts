// Names the platforms accept, checked before a name from a server or a vendor file becomes a URL
// path: a listing item `x/../../capture` must not make the edge fetch another path of the host
// (with the host's token).
// - Hugging Face repo ids (huggingface_hub `validate_repo_id`): `[namespace/]name`, each part of
//   letters, digits, `_ - .`, the name at most 96 characters, not starting or ending with `-` or
//   `.`, no `--` or `..`, not ending in `.git`.
// - GitHub: an owner is 1–39 letters, digits or single hyphens, not starting or ending with a
//   hyphen; a repository name is 1–100 letters, digits, `_ - .`, and not `.` or `..`.

const HUB_PART = /^(?![-.])[\w.-]{1,96}(?<![-.])$/;

export function isHubRepoId(id: string): boolean {
  if (id.includes('--') || id.includes('..') || id.endsWith('.git')) return false;
  const parts = id.split('/');
  return parts.length <= 2 && parts.every((p) => HUB_PART.test(p));
}

/** A Hub author or organisation (the namespace part of a repo id). */
export function isHubNamespace(name: string): boolean {
  return !name.includes('/') && isHubRepoId(name);
}

export function isGithubOwner(name: string): boolean {
  return /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(name);
}

export function isGithubRepoName(name: string): boolean {
  return /^[\w.-]{1,100}$/.test(name) && name !== '.' && name !== '..';
}

/** `owner` or `owner/repo`. */
export function isGithubTarget(target: string): boolean {
  const [owner, repo, ...rest] = target.split('/');
  return rest.length === 0 && isGithubOwner(owner ?? '') && (repo === undefined || isGithubRepoName(repo));
}
