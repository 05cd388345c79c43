# Sourced by the scripts: `venv DIR REQUIREMENTS` creates DIR from REQUIREMENTS (pinned) when
# it is missing or the requirements changed since it was made.
venv() {
  local dir=$1 req=$2 stamp want
  stamp="$dir/.requirements.sha256"
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ ! -x "$dir/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "== installing $req into $dir"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check --no-cache-dir -r "$req"
    echo "$want" > "$stamp"
  fi
}
