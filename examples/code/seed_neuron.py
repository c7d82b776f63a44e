import math

# The CS231n post's code, pasted as written. Its code says x = [-1, 2]; its circuit picture uses x1 = -2.
# check --code checks the file as written.
w = [2, -3, -3]  # assume random weights and data
x = [-1, 2]

# forward pass
dot = w[0]*x[0] + w[1]*x[1] + w[2]
f = 1.0/(1 + math.exp(-dot))  # sigmoid function

# backward pass
ddot = (1 - f) * f  # gradient on dot variable, using the sigmoid gradient derivation
dx = [w[0] * ddot, w[1] * ddot]  # backprop into x
dw = [x[0] * ddot, x[1] * ddot, 1.0 * ddot]  # backprop into w
# we're done! we have the gradients on the inputs to the circuit
