# Sourced: sets $debian_mirror to the Debian archive this machine's apt uses (the first URIs of a
# bookworm stanza in /etc/apt/sources.list.d/*.sources, else the first `deb` line of
# /etc/apt/sources.list), so no mirror is written into the repository.
debian_mirror=""
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  debian_mirror=$(awk '
    /^URIs:/ { uri = $2 }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == "bookworm") found = 1 }
    /^[[:space:]]*$/ { if (found && uri != "") { print uri; exit } uri = ""; found = 0 }
    END { if (found && uri != "") print uri }' "$f" | sed -n 1p)
  [ -n "$debian_mirror" ] && break
done
if [ -z "$debian_mirror" ] && [ -f /etc/apt/sources.list ]; then
  debian_mirror=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) { print $i; exit } }' /etc/apt/sources.list | sed -n 1p)
fi
