"""The reference side of JinjaCorpusTests: renders every case of the corpus files given (the
first argument is the variables every case has, under its own `vars`) with
Python's Jinja2 as Ansible configures it (StrictUndefined, trim_blocks, keep_trailing_newline,
None finalized to nothing) and Ansible's filters, tests and env and file lookups as Ansible
defines them, and prints one JSON object: case name -> {"output": text} or {"error": message}.
A case's `files` (path -> text) are written to a directory of their own, which its templates
are loaded from (Jinja's FileSystemLoader, as Ansible's template module loads them) and its
file lookups look in (DIR/files/NAME, then DIR/NAME)."""
import base64
import functools
import json
import os.path
import re
import sys
import tempfile

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.runtime import Undefined


def to_bool(a):
    if isinstance(a, bool):
        return a
    if a is None:
        return False
    if isinstance(a, str):
        a = a.lower()
    if a in ('yes', 'on', '1', 'true', 1):
        return True
    return False


def ternary(value, true_val, false_val, none_val=None):
    if value is None and none_val is not None:
        return none_val
    elif bool(value):
        return true_val
    else:
        return false_val


def merge_hash(x, y, recursive=True):
    x = x.copy()
    for key, y_value in y.items():
        if recursive and isinstance(x.get(key), dict) and isinstance(y_value, dict):
            x[key] = merge_hash(x[key], y_value, recursive)
        else:
            x[key] = y_value
    return x


def flatten(mylist, levels=None, skip_nulls=True):
    ret = []
    for element in mylist:
        if skip_nulls and element in (None, 'None', 'null'):
            continue
        elif isinstance(element, (list, tuple)):
            if levels is None:
                ret.extend(flatten(element, skip_nulls=skip_nulls))
            elif levels >= 1:
                ret.extend(flatten(element, levels=(int(levels) - 1), skip_nulls=skip_nulls))
            else:
                ret.append(element)
        else:
            ret.append(element)
    return ret


def combine(*terms, **kwargs):
    recursive = kwargs.pop('recursive', False)
    if kwargs:
        raise TypeError("'recursive' is the only valid keyword argument")
    dictionaries = flatten(terms, levels=1)
    for d in dictionaries:
        if not isinstance(d, dict):
            raise TypeError("combine expects dictionaries")
    result = {}
    for d in dictionaries:
        result = merge_hash(result, d, recursive)
    return result


def dict2items(mydict, key_name='key', value_name='value'):
    if not isinstance(mydict, dict):
        raise TypeError("dict2items requires a dictionary")
    return [{key_name: key, value_name: value} for key, value in mydict.items()]


def items2dict(mylist, key_name='key', value_name='value'):
    return dict((item[key_name], item[value_name]) for item in mylist)


def to_json(a, *args, **kw):
    return json.dumps(a, *args, **kw)


def to_nice_json(a, indent=4, sort_keys=True, *args, **kw):
    return to_json(a, indent=indent, sort_keys=sort_keys, separators=(',', ': '), *args, **kw)


def to_yaml(a, *args, **kw):
    default_flow_style = kw.pop('default_flow_style', None)
    return yaml.dump(a, Dumper=yaml.SafeDumper, allow_unicode=True, default_flow_style=default_flow_style, **kw)


def to_nice_yaml(a, indent=4, *args, **kw):
    return yaml.dump(a, Dumper=yaml.SafeDumper, indent=indent, allow_unicode=True, default_flow_style=False, **kw)


def regex_replace(value='', pattern='', replacement='', ignorecase=False, multiline=False, count=0):
    flags = 0
    if ignorecase:
        flags |= re.I
    if multiline:
        flags |= re.M
    return re.compile(pattern, flags=flags).sub(replacement, value, count)


def regex_search(value, regex, *args, **kwargs):
    groups = []
    for arg in args:
        if arg.startswith('\\g'):
            groups.append(re.match(r'\\g<(\S+)>', arg).group(1))
        elif arg.startswith('\\'):
            groups.append(int(re.match(r'\\(\d+)', arg).group(1)))
        else:
            raise ValueError('Unknown argument')
    flags = 0
    if kwargs.get('ignorecase'):
        flags |= re.I
    if kwargs.get('multiline'):
        flags |= re.M
    match = re.search(regex, value, flags)
    if match:
        if not groups:
            return match.group()
        return [match.group(item) for item in groups]


def b64encode(string, encoding='utf-8'):
    return base64.b64encode(string.encode(encoding)).decode(encoding)


def b64decode(string, encoding='utf-8'):
    return base64.b64decode(string).decode(encoding)


def mandatory(a, msg=None):
    if isinstance(a, Undefined):
        raise ValueError(msg or 'Mandatory variable not defined.')
    return a


def split(a, *args, **kw):
    return a.split(*args, **kw)


def regex_test(value='', pattern='', ignorecase=False, multiline=False, match_type='search'):
    flags = 0
    if ignorecase:
        flags |= re.I
    if multiline:
        flags |= re.M
    return bool(getattr(re.compile(pattern, flags=flags), match_type)(value))


def environment(directory=None):
    env = Environment(undefined=StrictUndefined, trim_blocks=True, keep_trailing_newline=True,
                      finalize=lambda value: '' if value is None else value,
                      loader=FileSystemLoader(directory) if directory else None)
    env.filters.update({
        'bool': to_bool, 'ternary': ternary, 'combine': combine, 'dict2items': dict2items, 'items2dict': items2dict,
        'to_json': to_json, 'to_nice_json': to_nice_json, 'to_yaml': to_yaml, 'to_nice_yaml': to_nice_yaml,
        'regex_replace': regex_replace, 'regex_search': regex_search, 'b64encode': b64encode, 'b64decode': b64decode,
        'flatten': flatten, 'mandatory': mandatory, 'split': split, 'basename': os.path.basename, 'dirname': os.path.dirname,
    })
    env.tests.update({
        'match': lambda value, pattern='', ignorecase=False, multiline=False: regex_test(value, pattern, ignorecase, multiline, 'match'),
        'search': lambda value, pattern='', ignorecase=False, multiline=False: regex_test(value, pattern, ignorecase, multiline, 'search'),
        'regex': regex_test,
    })
    env.globals['lookup'] = functools.partial(lookup, [directory] if directory else [])
    return env


def lookup(search, plugin, *terms, default='', rstrip=True, lstrip=False):
    """Ansible's lookup() with its env plugin (each variable's value, or default) and its file
    plugin (each file's text, found in SEARCH/files/NAME or SEARCH/NAME, stripped as the plugin
    strips it), joined with ','."""
    if plugin == 'env':
        return ','.join(os.environ.get(term, default) for term in terms)
    if plugin != 'file':
        raise ValueError('only the env and file lookups are rendered here')
    texts = []
    for term in terms:
        candidates = [term] if os.path.isabs(term) else [
            os.path.join(base, sub, term) for base in search for sub in ('files', '')]
        found = next((path for path in candidates if os.path.isfile(path)), None)
        if found is None:
            raise ValueError('could not locate file in lookup: %s' % term)
        with open(found, encoding='utf-8') as text_file:
            contents = text_file.read()
        if lstrip:
            contents = contents.lstrip()
        if rstrip:
            contents = contents.rstrip()
        texts.append(contents)
    return ','.join(texts)


def render(case, common, env):
    """One case's output; its files, if any, in a directory of their own."""
    variables = dict(common, **case.get('vars', {}))
    if 'files' not in case:
        return env.from_string(case['template']).render(variables)
    with tempfile.TemporaryDirectory() as directory:
        for name, text in case['files'].items():
            path = os.path.join(directory, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as case_file:
                case_file.write(text)
        return environment(directory).from_string(case['template']).render(variables)


def sorted_keys(pairs):
    """Mappings of the variables with their keys in order, as Trunkline's variables have them."""
    return dict(sorted(pairs))


def main(common_path, paths):
    env = environment()
    results = {}
    with open(common_path, encoding='utf-8') as common_file:
        common = json.load(common_file, object_pairs_hook=sorted_keys)
    for path in paths:
        with open(path, encoding='utf-8') as corpus:
            cases = json.load(corpus, object_pairs_hook=sorted_keys)
        for case in cases:
            try:
                results[case['name']] = {'output': render(case, common, env)}
            except Exception as error:
                results[case['name']] = {'error': '%s: %s' % (type(error).__name__, error)}
    json.dump(results, sys.stdout, ensure_ascii=False, sort_keys=True)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2:])
