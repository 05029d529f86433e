#!/usr/bin/env bash
# pr-range.sh BASE [HEAD]
#
# The range a pull request's check covers: from the merge-base of BASE (a branch of the remote, or a
# commit) and HEAD, to HEAD. CI checkouts are often shallow (actions/checkout fetches one commit by
# default), so the merge-base may not be there yet: the base branch is fetched and the history is
# deepened step by step until it is, or the script stops and says which setting to use instead.
#
# Prints the range (BASE_SHA..HEAD_SHA) on stdout and, under GitHub Actions, writes `base`, `head` and
# `range` to $GITHUB_OUTPUT. Exit 2 when the range cannot be found, with the reason on stderr.
#
# Environment: SCOPEGUARD_REMOTE (default origin), SCOPEGUARD_MAX_FETCH_DEPTH (default 1000 commits),
# SCOPEGUARD_DEEPEN_STEP (default 50, doubled at every step).
set -euo pipefail

die() {
  echo "scopeguard: $*" >&2
  exit 2
}

base=${1:-}
head=${2:-HEAD}
remote=${SCOPEGUARD_REMOTE:-origin}
max_depth=${SCOPEGUARD_MAX_FETCH_DEPTH:-1000}
step=${SCOPEGUARD_DEEPEN_STEP:-50}

[ -n "$base" ] || die "no base to check from: pass the base branch (on a pull request, \${{ github.base_ref }}); on a push, pass the commit before it (\${{ github.event.before }})"
git rev-parse --git-dir >/dev/null 2>&1 || die "$(pwd) is not a git repository; run actions/checkout first"
head_sha=$(git rev-parse --verify --quiet "$head^{commit}") || die "the head revision '$head' is not in this clone"

shallow() { [ "$(git rev-parse --is-shallow-repository)" = true ]; }

# What to fetch to get (more of) the base: its branch into the remote-tracking ref, or the commit itself.
if [[ "$base" =~ ^[0-9a-f]{40}$ ]]; then
  refspec=$base
  base_rev=$base
else
  refspec="+refs/heads/$base:refs/remotes/$remote/$base"
  base_rev="refs/remotes/$remote/$base"
fi

if ! git rev-parse --verify --quiet "$base_rev^{commit}" >/dev/null; then
  depth=()
  if shallow; then depth=(--depth=1); fi
  git fetch --quiet --no-tags "${depth[@]}" "$remote" "$refspec" \
    || die "cannot fetch '$base' from the remote '$remote'"
fi

fetched=0
until merge_base=$(git merge-base "$base_rev" "$head_sha" 2>/dev/null); do
  if ! shallow; then
    die "'$base' and '$head' have no common history, so there is no merge-base to check from"
  fi
  if [ "$fetched" -ge "$max_depth" ]; then
    die "no merge-base of '$base' and '$head' within $max_depth commits of this shallow clone; set 'fetch-depth: 0' on actions/checkout (with: fetch-depth: 0), or raise max-fetch-depth"
  fi
  echo "scopeguard: shallow clone, deepening by $step commits to find the merge-base of '$base' and '$head'" >&2
  git fetch --quiet --no-tags --deepen="$step" "$remote" "$refspec" \
    || die "cannot deepen the history from the remote '$remote'; set 'fetch-depth: 0' on actions/checkout (with: fetch-depth: 0)"
  fetched=$((fetched + step))
  step=$((step * 2))
done

range="$merge_base..$head_sha"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "base=$merge_base"
    echo "head=$head_sha"
    echo "range=$range"
  } >>"$GITHUB_OUTPUT"
fi
echo "$range"
