"""Converts a namespace's published YAML to the compact JSON asset cached in every NWB file.

usage: /usr/bin/python3 generate.py <folder with namespace.yaml and sources> <namespace name> <out.json> "<source note>"
Keeps only the named namespace from a namespace file that defines several (hdmf-common's), and
only the sources that namespace lists, each under its file name without `.yaml`.
"""
import json
import os
import sys

import yaml

folder, name, out, note = sys.argv[1:5]
ns_file = next(f for f in sorted(os.listdir(folder)) if f.endswith('namespace.yaml'))
namespaces = yaml.safe_load(open(os.path.join(folder, ns_file)))['namespaces']
namespace = next(ns for ns in namespaces if ns['name'] == name)
files = {'namespace': {'namespaces': [namespace]}}
for entry in namespace['schema']:
    if 'source' in entry:
        files[entry['source'][: -len('.yaml')]] = yaml.safe_load(open(os.path.join(folder, entry['source'])))
asset = {'name': name, 'version': str(namespace['version']), 'source': note, 'files': files}
with open(out, 'w') as f:
    json.dump(asset, f, separators=(',', ':'), ensure_ascii=False)
print(out, asset['version'], sorted(files))
