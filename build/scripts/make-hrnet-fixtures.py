#!/usr/bin/python3
"""Golden fixtures for the HRNet checkpoint -> ONNX converter (test/fixtures/hrnet/).

Builds an HRNet pose network in PyTorch with exactly the structure of the official one
(stem, layer1 bottlenecks, stages 2-4 with 1/4/3 modules and 2/3/4 branches, 4 BasicBlocks per
branch, fuse layers, final 1x1 conv to 17 heatmaps) but branch width C = 2 instead of 32/48, gives
it weights derived from a seed (see weight_values: the test side derives the same numbers), runs
it on a fixed input, saves it with torch.save in both formats and keeps what is not weights:

  hrnet_c2_legacy.pickles  the legacy file (official key names, plain OrderedDict; float32
                           storages except the large tensors, which are float16) up to its
                           storage section: magic, protocol, sys info, the object, the key list
  hrnet_c2_zip.datapkl     data.pkl of the zip file (MMPose 0.x key names inside {'meta',
                           'state_dict'}, float16 storages, some tensors stored as strided views
                           or at storage offsets)
  input_1x3x64x32.f32      the input, raw little-endian float32
  heatmaps_1x17x16x8.f32   the reference output (model.eval()), raw little-endian float32
  fixtures.json            sizes, file names, the zip's archive name

test/helpers/hrnet-checkpoints.ts puts the checkpoints back together: torch's own pickles, with
every storage filled from the same seed. Every weight is exactly representable in float16, so
both checkpoints hold the same numbers and share one reference output.

Run once with Debian's PyTorch (apt-get install python3-torch):  /usr/bin/python3 build/scripts/make-hrnet-fixtures.py
CI never runs this; it only reads the committed fixtures.
"""
import collections
import io
import json
import os
import sys
import zipfile

import math

import torch
import torch.nn as nn

WIDTH = 2
# Tensors at least this large are stored as float16 in the legacy checkpoint (fixtures stay < 3 MB).
LEGACY_HALF_MIN_ELEMENTS = 4096
NUM_JOINTS = 17
INPUT_HEIGHT, INPUT_WIDTH = 64, 32
SEED = 20240611
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'fixtures', 'hrnet')
EXPANSION = 4


def conv_bn(cin, cout, kernel, stride, relu):
    layers = [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, bias=False), nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU(inplace=False))
    return nn.Sequential(*layers)


class Bottleneck(nn.Module):
    def __init__(self, cin, planes):
        super().__init__()
        cout = planes * EXPANSION
        self.conv1 = nn.Conv2d(cin, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, cout, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU()
        self.downsample = None
        if cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(out + shortcut)


class BasicBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU()

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + x)


class HRModule(nn.Module):
    """Parallel branches, then every output resolution sums all branches (up: 1x1 conv + BN +
    nearest upsample; down: chains of stride-2 3x3 conv + BN, ReLU between) and applies ReLU."""

    def __init__(self, channels, multi_scale_output):
        super().__init__()
        n = len(channels)
        self.branches = nn.ModuleList(
            [nn.Sequential(*[BasicBlock(c) for _ in range(4)]) for c in channels])
        fuse_layers = []
        for i in range(n if multi_scale_output else 1):
            row = []
            for j in range(n):
                if j > i:
                    row.append(nn.Sequential(
                        nn.Conv2d(channels[j], channels[i], 1, 1, 0, bias=False),
                        nn.BatchNorm2d(channels[i]),
                        nn.Upsample(scale_factor=2 ** (j - i), mode='nearest')))
                elif j == i:
                    row.append(None)
                else:
                    steps = []
                    for k in range(i - j):
                        last = k == i - j - 1
                        steps.append(conv_bn(channels[j], channels[i] if last else channels[j], 3, 2, relu=not last))
                    row.append(nn.Sequential(*steps))
            fuse_layers.append(nn.ModuleList(row))
        self.fuse_layers = nn.ModuleList(fuse_layers)
        self.relu = nn.ReLU()

    def forward(self, xs):
        xs = [branch(x) for branch, x in zip(self.branches, xs)]
        out = []
        for i, row in enumerate(self.fuse_layers):
            y = xs[0] if i == 0 else row[0](xs[0])
            for j in range(1, len(xs)):
                y = y + (xs[j] if i == j else row[j](xs[j]))
            out.append(self.relu(y))
        return out


def transition(pre, cur):
    layers = []
    for i, c in enumerate(cur):
        if i < len(pre):
            layers.append(conv_bn(pre[i], c, 3, 1, relu=True) if c != pre[i] else None)
        else:
            steps = []
            for j in range(i + 1 - len(pre)):
                cin = pre[-1]
                steps.append(conv_bn(cin, c if j == i - len(pre) else cin, 3, 2, relu=True))
            layers.append(nn.Sequential(*steps))
    return nn.ModuleList(layers)


class PoseHRNet(nn.Module):
    STAGES = [(1, 2), (4, 3), (3, 4)]  # (modules, branches) of stages 2, 3, 4

    def __init__(self, width, num_joints):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.conv2 = nn.Conv2d(64, 64, 3, 2, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU()
        self.layer1 = nn.Sequential(*[Bottleneck(64 if k == 0 else 256, 64) for k in range(4)])
        pre = [256]
        for s, (modules, branches) in enumerate(self.STAGES):
            cur = [width * 2 ** b for b in range(branches)]
            setattr(self, 'transition%d' % (s + 1), transition(pre, cur))
            last_stage = s == len(self.STAGES) - 1
            setattr(self, 'stage%d' % (s + 2), nn.Sequential(
                *[HRModule(cur, not (last_stage and m == modules - 1)) for m in range(modules)]))
            pre = cur
        self.final_layer = nn.Conv2d(width, num_joints, 1, 1, 0)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.relu(self.bn2(self.conv2(x)))
        xs = [self.layer1(x)]
        for s in range(len(self.STAGES)):
            trans = getattr(self, 'transition%d' % (s + 1))
            # Existing branches pass through (or are re-projected); a new branch grows from the last.
            xs = [(t(xs[i] if i < len(xs) else xs[-1]) if t is not None else xs[i]) for i, t in enumerate(trans)]
            xs = getattr(self, 'stage%d' % (s + 2))(xs)
        return self.final_layer(xs[0])


def mulberry32(seed):
    """The generator of core/util/random.ts, bit for bit: floats in [0, 1) from a 32-bit seed."""
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def next_value():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return next_value


def fnv1a(text):
    h = 0x811C9DC5
    for byte in text.encode('utf-8'):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def weight_values(key, shape):
    """The values of state-dict entry `key` (official name), row-major: k/1024 steps from a
    per-key mulberry32 stream, scaled so every value is exact in float16. Conv weights have He-like
    scale (a power of two near sqrt(3/fan_in)), BatchNorm statistics are far from identity, so a
    wrong fold or a swapped tensor shows in the output."""
    numel = 1
    for d in shape:
        numel *= d
    if key.endswith('num_batches_tracked'):
        return [12345] * numel
    draw = mulberry32(SEED ^ fnv1a(key))
    steps = [int(draw() * 1024) for _ in range(numel)]  # 0..1023
    leaf = key.rsplit('.', 1)[1]
    if leaf == 'weight' and len(shape) == 4:
        fan_in = shape[1] * shape[2] * shape[3]
        scale = 2.0 ** math.floor(math.log2((3.0 / fan_in) ** 0.5) + 0.5)
        if key.startswith('final_layer.'):
            scale /= 32  # heatmap-like output magnitudes (order 1), so the 1e-4 tolerance is tight
        return [(2 * q - 1024) / 1024 * scale for q in steps]
    if leaf == 'bias' and key.startswith('final_layer.'):
        return [(q - 512) / 4096 for q in steps]
    if leaf == 'weight':
        return [0.5 + q / 2048 for q in steps]
    if leaf in ('bias', 'running_mean'):
        return [(q - 512) / 2048 for q in steps]
    if leaf == 'running_var':
        return [0.5 + q / 1024 for q in steps]
    raise ValueError('no weight formula for ' + key)


def set_weights(model):
    with torch.no_grad():
        for key, tensor in model.state_dict().items():
            values = torch.tensor(weight_values(key, list(tensor.shape)), dtype=torch.float64)
            tensor.copy_(values.reshape(tensor.shape).to(tensor.dtype))
            if tensor.is_floating_point():
                assert torch.equal(tensor.half().float(), tensor), key  # exact in float16


def with_views(state):
    """Stores some tensors as strided views and at storage offsets, as real checkpoints may."""
    out = collections.OrderedDict()
    items = list(state.items())
    for index, (key, tensor) in enumerate(items):
        if tensor.dim() == 4 and tensor.shape[2] == 3 and index % 7 == 0:
            # Same values, channels-last strides (non-contiguous view of a permuted storage).
            tensor = tensor.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)
            assert not tensor.is_contiguous()
        out[key] = tensor
    # BatchNorm weight and bias of the stem share one storage (the bias at an offset).
    n = out['bn1.weight'].numel()
    shared = torch.cat([out['bn1.weight'], out['bn1.bias']])
    out['bn1.weight'], out['bn1.bias'] = shared[:n], shared[n:]
    return out


def to_mmpose(state):
    renamed = collections.OrderedDict()
    for key, tensor in state.items():
        renamed[('keypoint_head.' if key.startswith('final_layer.') else 'backbone.') + key] = tensor
    return renamed


def save_raw(path, tensor):
    with open(path, 'wb') as f:
        f.write(tensor.detach().contiguous().numpy().astype('<f4').tobytes())


def legacy_pickles(legacy):
    """The legacy file up to its storage section (each storage: int64 count + raw elements)."""
    buffer = io.BytesIO()
    torch.save(legacy, buffer, _use_new_zipfile_serialization=False)
    data = buffer.getvalue()
    storages = {t.storage().data_ptr(): t.storage() for t in legacy.values()}
    section = sum(8 + s.size() * s.element_size() for s in storages.values())
    return data[:len(data) - section]


def zip_data_pkl(checkpoint, name):
    buffer = io.BytesIO()
    torch.save(checkpoint, buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        names = archive.namelist()
        pkl = [n for n in names if n.endswith('/data.pkl')][0]
        return archive.read(pkl), pkl[:-len('/data.pkl')], archive.read(pkl[:-len('data.pkl')] + 'version').decode().strip()


def main():
    torch.manual_seed(SEED)
    generator = torch.Generator().manual_seed(SEED)
    model = PoseHRNet(WIDTH, NUM_JOINTS)
    set_weights(model)
    model.eval()
    x = torch.rand((1, 3, INPUT_HEIGHT, INPUT_WIDTH), generator=generator) * 4 - 2
    with torch.no_grad():
        y = model(x)
    assert tuple(y.shape) == (1, NUM_JOINTS, INPUT_HEIGHT // 4, INPUT_WIDTH // 4), y.shape

    os.makedirs(OUT_DIR, exist_ok=True)
    state = model.state_dict()
    legacy = collections.OrderedDict(
        (k, v.half() if v.is_floating_point() and v.numel() >= LEGACY_HALF_MIN_ELEMENTS else v.clone())
        for k, v in state.items())
    legacy_name, zip_name = 'hrnet_c%d_legacy.pickles' % WIDTH, 'hrnet_c%d_zip.datapkl' % WIDTH
    with open(os.path.join(OUT_DIR, legacy_name), 'wb') as f:
        f.write(legacy_pickles(legacy))

    half = collections.OrderedDict(
        (k, v.half() if v.is_floating_point() else v.clone()) for k, v in state.items())
    checkpoint = {'meta': {'epoch': 210, 'mmcv_version': '1.1.1', 'config': 'hrnet_c%d fixture' % WIDTH},
                  'state_dict': to_mmpose(with_views(half))}
    data_pkl, archive_name, zip_version = zip_data_pkl(checkpoint, zip_name)
    with open(os.path.join(OUT_DIR, zip_name), 'wb') as f:
        f.write(data_pkl)

    input_name = 'input_1x3x%dx%d.f32' % (INPUT_HEIGHT, INPUT_WIDTH)
    output_name = 'heatmaps_1x%dx%dx%d.f32' % (NUM_JOINTS, INPUT_HEIGHT // 4, INPUT_WIDTH // 4)
    save_raw(os.path.join(OUT_DIR, input_name), x)
    save_raw(os.path.join(OUT_DIR, output_name), y)
    params = sum(p.numel() for p in model.parameters())
    meta = {
        'width': WIDTH, 'numJoints': NUM_JOINTS, 'params': params, 'seed': SEED,
        'inputShape': list(x.shape), 'outputShape': list(y.shape),
        'input': input_name, 'heatmaps': output_name,
        'checkpoints': {
            'legacy': {'pickles': legacy_name},
            'zip': {'dataPkl': zip_name, 'archive': archive_name, 'version': zip_version},
        },
        'outputStats': {'min': y.min().item(), 'max': y.max().item(), 'std': y.std().item()},
        'torch': torch.__version__,
    }
    with open(os.path.join(OUT_DIR, 'fixtures.json'), 'w') as f:
        json.dump(meta, f, indent=2)
        f.write('\n')
    print(json.dumps(meta, indent=2))


if __name__ == '__main__':
    sys.exit(main())
