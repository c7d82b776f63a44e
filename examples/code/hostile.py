import numpy as np

w = [2.0, -3.0]
f = w[0] * w[1]
np.save("stolen.npy", w)
dw = [w[1], w[0]]
