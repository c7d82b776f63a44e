import numpy as np


def two_layer_loss(W1, b1, W2, b2, X, y, reg=0.05):
    """A two-layer net: affine - ReLU - affine - softmax, with L2 regularization (CS231n's TwoLayerNet.loss)."""
    N = X.shape[0]
    # forward pass
    hidden = np.maximum(0, X.dot(W1) + b1)
    scores = hidden.dot(W2) + b2
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(shifted)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    loss = -np.sum(np.log(probs[np.arange(N), y])) / N
    loss += reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

    # backward pass
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    dW2 = hidden.T.dot(dscores) + 2 * reg * W2
    db2 = np.sum(dscores, axis=0)
    dhidden = dscores.dot(W2.T)
    dhidden[hidden <= 0] = 0
    dW1 = X.T.dot(dhidden) + 2 * reg * W1
    db1 = np.sum(dhidden, axis=0)
    return loss, dW1, db1, dW2, db2
