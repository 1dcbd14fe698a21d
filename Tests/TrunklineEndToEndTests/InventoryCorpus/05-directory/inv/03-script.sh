#!/bin/sh
if [ "$1" = "--list" ]; then
  echo '{"scripted": {"hosts": ["s1", "app1"], "vars": {"from_script": true}}, "_meta": {"hostvars": {"s1": {"sv": 1}}}}'
else
  echo '{}'
fi
