import numpy as np


def batchnorm_forward(x, gamma, beta):
    """Batch normalization over the batch axis (training mode, no running averages)."""
    mu = np.mean(x, axis=0)
    xc = x - mu
    var = np.mean(xc ** 2, axis=0)
    std = np.sqrt(var + 1e-5)
    xhat = xc / std
    out = gamma * xhat + beta
    cache = (xhat, gamma, xc, std)
    return out, cache


def batchnorm_backward(dout, cache):
    """Step by step through the graph: dxc is built over two lines (+= at the fork)."""
    xhat, gamma, xc, std = cache
    N = dout.shape[0]
    dbeta = np.sum(dout, axis=0)
    dgamma = np.sum(dout * xhat, axis=0)
    dxhat = dout * gamma
    dxc = dxhat / std
    dstd = -np.sum(dxhat * xc / std ** 2, axis=0)
    dvar = 0.5 * dstd / std
    dxc += 2.0 * xc * dvar / N
    dmu = -np.sum(dxc, axis=0)
    dx = dxc + dmu / N
    return dx, dgamma, dbeta
