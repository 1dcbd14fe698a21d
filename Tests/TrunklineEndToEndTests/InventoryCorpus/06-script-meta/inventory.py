#!/bin/sh
# A dynamic inventory in the script form: --list with _meta.hostvars.
case "$1" in
  --list) cat <<'JSON'
{
  "hypervisors": {"hosts": ["kvm1", "kvm2"], "vars": {"ansible_user": "root"}, "children": ["edge"]},
  "edge": ["kvm3"],
  "solo": {"solo_var": 5},
  "_meta": {"hostvars": {"kvm1": {"ansible_host": "192.0.2.1", "rack": 3}, "kvm3": {"edge": true}}}
}
JSON
  ;;
  *) echo '{}' ;;
esac
