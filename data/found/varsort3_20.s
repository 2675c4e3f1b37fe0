# superopt search: varsort3, 20 instructions, seed 1
	.text
	.globl	varsort3
	.type	varsort3, @function
	.p2align 6
varsort3:
	mov (%rdi), %eax
	cmp $2, %eax
	jl .Lvarsort3_L4
	mov 8(%rdi), %ecx
	mov 4(%rdi), %eax
	mov %ecx, %edx
	je .Lvarsort3_Lend
	cmp %eax, %ecx
	cmovl %eax, %ecx
	cmovle %edx, %eax
	mov 12(%rdi), %edx
	cmp %edx, %ecx
	jl .Lvarsort3_Lend
	mov %ecx, 12(%rdi)
	cmovne %edx, %ecx
.Lvarsort3_Lend:
	cmp %ecx, %eax
	cmovle %eax, %edx
	cmovle %ecx, %eax
	mov %edx, 4(%rdi)
	mov %eax, 8(%rdi)
.Lvarsort3_L4:
	ret
	.size	varsort3, .-varsort3
	.section	.note.GNU-stack,"",@progbits
