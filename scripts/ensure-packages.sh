# Sourced by scripts/test.sh and scripts/demo.sh: installs the Debian packages that are missing.
# ensure_packages WHO CONSEQUENCE PACKAGE...
#   WHO names the caller in messages; CONSEQUENCE says what happens without the packages.
ensure_packages() {
  local who=$1 consequence=$2 p
  shift 2
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "$who: missing packages ${missing[*]}; run as root to install them ($consequence)" >&2
  else
    echo "$who: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
      || echo "$who: apt-get install failed; $consequence" >&2
  fi
}
